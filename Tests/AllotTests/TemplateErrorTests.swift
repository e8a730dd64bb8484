import Foundation
import Testing

extension ProcessHeavyTests {
    /// Bad templates through the real binary: a sentence naming the file, line and column,
    /// exit 1 and nothing written; never a crash, a parser's enum or a silent omission.
    @Suite(.cleansScratch) struct TemplateErrorTests {
        /// Builds the transition ledger with `templates` (relative path → text) as overrides.
        func build(_ templates: [String: String]) async throws -> (result: ChildProcess.Ended, overrides: String, site: String) {
            let folder = TestSupport.copyOfFixture("transition")
            let overrides = folder + "/templates"
            for (path, text) in templates { TestSupport.write(text, to: overrides + "/" + path) }
            let site = folder + "/site"
            let result = try await TestSupport.allot([
                "build", "--config", folder + "/allot.toml", "--out", site, "--templates", overrides,
            ])
            return (result, overrides, site)
        }

        func expectRefused(_ built: (result: ChildProcess.Ended, overrides: String, site: String), saying line: String) {
            #expect(built.result.status == 1, "\(built.result.errorText)")
            #expect(built.result.errorText == "error: \(built.overrides)/\(line)\n")
            #expect(!FileManager.default.fileExists(atPath: built.site), "a site was written")
        }

        @Test func aPartialThatIncludesItselfIsAnErrorNotACrash() async throws {
            let built = try await build([
                "statement.md": "# {{name}}\n\n{{> loop}}\n", "partials/loop.html": "<p>again</p>\n{{#name}}{{> loop}}{{/name}}\n",
            ])
            expectRefused(
                built,
                saying: "partials/loop.html:2:10: {{> loop}} includes \"loop\" inside itself (loop → loop); a partial cannot include itself"
            )
        }

        @Test func aParentThatInheritsItselfIsAnErrorNotACrash() async throws {
            let built = try await build([
                "statement.md": "# {{name}}\n{{<loop}}{{/loop}}\n", "partials/loop.html": "x{{<loop}}{{$b}}y{{/b}}{{/loop}}\n",
            ])
            expectRefused(
                built,
                saying: "partials/loop.html:1:2: {{<loop}} includes \"loop\" inside itself (loop → loop); a partial cannot include itself")
        }

        @Test func twentyThousandNestedSectionsAreAnErrorNotACrash() async throws {
            let built = try await build([
                "statement.md": "# {{name}}\n" + String(repeating: "{{#name}}", count: 20_000)
                    + String(repeating: "{{/name}}", count: 20_000)
            ])
            expectRefused(built, saying: "statement.md:2:901: sections are nested more than 100 deep here; no page needs that many")
        }

        @Test func partialsNestedPastTheLimitAreAnError() async throws {
            var templates = ["statement.md": "# {{name}}\n{{> p0}}\n"]
            for level in 0..<60 { templates["partials/p\(level).html"] = "{{#name}}{{> p\(level + 1)}}{{/name}}\n" }
            templates["partials/p60.html"] = "end\n"
            let built = try await build(templates)
            #expect(built.result.status == 1)
            #expect(built.result.errorText.contains("nests sections and partials more than 100 deep here"), "\(built.result.errorText)")
            #expect(!FileManager.default.fileExists(atPath: built.site))
        }

        @Test func anUndefinedPartialIsAnErrorNamingFileAndLine() async throws {
            let built = try await build(["statement.md": "# {{name}}\n\nSee {{> nosuch}} here.\n"])
            expectRefused(
                built, saying: "statement.md:3:5: {{> nosuch}} includes a partial that does not exist: there is no partials/nosuch.html")
        }

        @Test func aTagNeverClosedNamesTheLineAndColumnItOpensAt() async throws {
            let built = try await build(["statement.md": "# {{name}}\n\nSee this: {{closing\n\nmore text\n"])
            expectRefused(built, saying: "statement.md:3:11: the tag opened here is never closed with }}")
        }

        @Test func aSectionNeverClosedIsASentenceNotAnEnum() async throws {
            let built = try await build(["statement.md": "# {{name}}\n\n\n\n{{#closing}}\nText\n"])
            expectRefused(built, saying: "statement.md:5:1: the section \"closing\" opened here is never closed with {{/closing}}")
        }

        @Test func aSectionClosedByAnotherNameSaysWhichIsOpen() async throws {
            let built = try await build(["statement.md": "# {{name}}\n{{#closing}}\n{{/name}}\n"])
            expectRefused(
                built,
                saying: "statement.md:3:1: {{/name}} closes \"name\", but the section open here is \"closing\", opened at line 2, column 1")
        }

        /// `statment.md` is a near miss of `statement.md`: a warning. `leaderboard.md` is
        /// like no built-in name: a plugin report's own template, used by its report, so no
        /// warning (the custom-plugin example has one).
        @Test func aMisnamedOverrideIsAWarningNamingTheClosestTemplate() async throws {
            let built = try await build(["statment.md": "# Ours {{name}}\n", "leaderboard.md": "# Board\n"])
            #expect(built.result.status == 0, "\(built.result.errorText)")
            #expect(
                built.result.errorText
                    == """
                    warning: \(built.overrides)/statment.md matches no template and no template includes it, so it is not used; did you mean statement.md?

                    """)
        }

        @Test func aNewPartialThatATemplateIncludesIsNoWarning() async throws {
            let built = try await build(["statement.md": "# {{name}}\n{{> ours}}\n", "partials/ours.html": "<p>ours</p>\n"])
            #expect(built.result.status == 0, "\(built.result.errorText)")
            #expect(built.result.errorText == "")
        }

        /// Under `allot serve`, a template edit that cannot build is said and the last good
        /// site stays served; the server does not die with it.
        @Test func underServeABadTemplateEditKeepsTheLastGoodSiteServed() async throws {
            let folder = TestSupport.copyOfFixture("transition")
            let overrides = folder + "/templates"
            TestSupport.write("# Team {{name}}\n", to: overrides + "/team.md")
            let served = try await ServingBinary([
                "--config", folder + "/allot.toml", "--out", folder + "/site", "--templates", overrides,
                "--port", "\(try await TestSupport.freePort())",
            ])
            let page = try String(contentsOfFile: folder + "/site/teams/acme/index.html", encoding: .utf8)
            TestSupport.write("# Team {{name}}\n{{> team}}\n", to: overrides + "/team.md")
            let deadline = Date().addingTimeInterval(30)
            while !served.errorText.contains("the build failed") && served.process.isRunning && Date() < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            let running = served.process.isRunning
            let answer = try await TestSupport.python("web/fetch.py", [String(served.port), "/teams/acme/index.html"])
            await served.stop()
            #expect(running, "allot serve ended: \(served.errorText)")
            #expect(answer == "", "the server did not answer: \(answer)")
            #expect(
                served.errorText.contains(
                    "error: the build failed; still serving the last good site: \(overrides)/team.md:2:1: {{> team}} includes \"team\" inside itself"
                ), "\(served.errorText)")
            #expect(try String(contentsOfFile: folder + "/site/teams/acme/index.html", encoding: .utf8) == page)
        }
    }
}
