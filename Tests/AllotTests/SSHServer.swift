import Foundation

@testable import Allot

extension ProcessHeavyTests {
    /// sshd on a free loopback port with throwaway host and user keys, letting in the user
    /// the tests run as with the user key; started and stopped by a test.
    ///
    /// sshd runs through `SpawnedProgram`, not Foundation's `Process` (`ChildProcess`): sshd
    /// closes the descriptors it inherits, among them the socket by which `Process` learns
    /// that a child ended, and `Process` then waits for it in `waitpid` on the one thread that
    /// sees every child of this test process end, so no other suite's child would be seen
    /// to end while sshd ran. ssh closes them too, so it runs the same way.
    final class SSHServer: Sendable {
        static let installed = ["/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/ssh-keygen"].allSatisfy(FileManager.default.isExecutableFile)

        let port: UInt16
        let user = ProcessInfo.processInfo.userName
        let work = TestSupport.scratch()
        private let ended = Eventually<SpawnedProgram.Ended?>()

        init() async throws {
            if geteuid() == 0 { try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true) }
            let hostKey = try await Self.key(in: work, named: "host")
            try FileManager.default.copyItem(
                atPath: try await Self.key(in: work, named: "user") + ".pub", toPath: work + "/authorized_keys")
            port = try await TestSupport.freePort()
            TestSupport.write(
                """
                Port \(port)
                ListenAddress 127.0.0.1
                HostKey \(hostKey)
                PidFile \(work)/sshd.pid
                AuthorizedKeysFile \(work)/authorized_keys
                StrictModes no
                PermitRootLogin prohibit-password
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no

                """, to: work + "/sshd_config")
            let ended = ended, config = work + "/sshd_config"
            Thread { ended.arrive(try? SpawnedProgram.run("/usr/sbin/sshd", ["-D", "-e", "-f", config])) }.start()
            // Ready when the user key lets the test in; given up on only when sshd has exited or
            // a minute has passed.
            let deadline = Date().addingTimeInterval(60)
            while ended.now == nil && Date() < deadline {
                if try await run("true").status == 0 { return }
                try await Task.sleep(for: .milliseconds(100))
            }
            stop()
            let log = ended.now.map { String(decoding: $0?.errors ?? Data("sshd could not be started".utf8), as: UTF8.self) }
            throw NginxServer.NotAnswering(description: "sshd never let the test in on port \(port): \(log ?? "it still runs")")
        }

        /// The ssh command line for `--ssh`: the user key (or `key`), no host key checks, and
        /// nothing from the ssh setup of whoever runs the tests.
        func ssh(key: String? = nil) -> String {
            "ssh -F /dev/null -i \(key ?? work + "/user") -o IdentitiesOnly=yes -o StrictHostKeyChecking=no"
                + " -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
        }

        /// `--to` for `path` on this server.
        func address(_ path: String) -> String { "ssh://\(user)@127.0.0.1:\(port)\(path)" }

        /// Runs `command` there over ssh as the publisher does.
        func run(_ command: String) async throws -> SpawnedProgram.Ended {
            let line = ssh() + " -o BatchMode=yes -p \(port) \(user)@127.0.0.1 \(command)"
            return try await TestSupport.onOwnThread { try SpawnedProgram.run("/bin/sh", ["-c", line])! }
        }

        /// SIGKILL to the sshd that listens (from its pid file); its end is then seen on the
        /// thread that started it.
        func stop() {
            guard let text = try? String(contentsOfFile: work + "/sshd.pid", encoding: .utf8),
                let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
            else { return }
            kill(pid, SIGKILL)
        }

        /// A new ed25519 key pair without a passphrase, named `name` in `folder`; the private
        /// key's path.
        static func key(in folder: String, named name: String) async throws -> String {
            let path = folder + "/" + name
            let made = try await TestSupport.onOwnThread {
                try SpawnedProgram.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path])!
            }
            guard made.status == 0 else {
                throw NginxServer.NotAnswering(description: "ssh-keygen failed: " + String(decoding: made.errors, as: UTF8.self))
            }
            return path
        }
    }
}
