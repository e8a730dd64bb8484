import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// How remote publishing runs ssh and rsync: to the end on the calling thread, with only
    /// standard input, output and error handed down.
    @Suite struct SpawnedProgramTests {
        func run(_ program: String, _ arguments: [String]) async throws -> SpawnedProgram.Ended? {
            try await TestSupport.onOwnThread { try SpawnedProgram.run(program, arguments) }
        }

        @Test func outputErrorsAndStatusAreKeptApart() async throws {
            let ended = try #require(try await run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"]))
            #expect(ended.status == 3)
            #expect(String(decoding: ended.output, as: UTF8.self) == "out\n")
            #expect(String(decoding: ended.errors, as: UTF8.self) == "err\n")
            #expect(try await run("/bin/sh", ["-c", "kill -9 $$"])?.status == 128 + 9)
        }

        /// Both pipes are read at once: a program filling one while the other is read goes on.
        @Test func muchOutputOnBothPipesIsReadWhole() async throws {
            let ended = try #require(
                try await run("/bin/sh", ["-c", "head -c 300000 /dev/zero; head -c 300000 /dev/zero >&2; head -c 300000 /dev/zero"]))
            #expect(ended.status == 0 && ended.output.count == 600_000 && ended.errors.count == 300_000)
        }

        @Test func aProgramThatCannotBeFoundIsNil() async throws {
            #expect(try await run("allot-test-no-such-program", []) == nil)
        }

        /// A descriptor this process holds open (a pipe, not close-on-exec) is not handed down,
        /// and standard input is /dev/null.
        @Test func onlyStandardInputOutputAndErrorAreInherited() async throws {
            let held = Pipe()
            let ended = try #require(try await run("/bin/sh", ["-c", "ls /proc/$$/fd; readlink /proc/$$/fd/0"]))
            withExtendedLifetime(held) {}
            #expect(String(decoding: ended.output, as: UTF8.self) == "0\n1\n2\n/dev/null\n")
        }

        /// A descriptor another thread opens while the child starts is not handed down either.
        @Test func aDescriptorOpenedMeanwhileIsNotInherited() async throws {
            let stop = ManagedAtomicFlag()
            let opener = Thread {
                while !stop.isSet {
                    var ends: [Int32] = [-1, -1]
                    if pipe(&ends) == 0 { close(ends[0]); close(ends[1]) }
                }
            }
            opener.start()
            defer { stop.set() }
            for _ in 0..<40 {
                let ended = try #require(try await run("/bin/sh", ["-c", "ls /proc/$$/fd"]))
                #expect(String(decoding: ended.output, as: UTF8.self) == "0\n1\n2\n")
            }
        }

        /// A program the child leaves running holds its output open; the child's end is seen
        /// all the same, and what it wrote is kept.
        @Test func theEndIsSeenWhenTheChildLeavesAProgramHoldingItsOutput() async throws {
            let ended = try #require(try await run("/bin/sh", ["-c", "sleep 300 & echo $!"]))
            let left = try #require(pid_t(String(decoding: ended.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
            defer { kill(left, SIGKILL) }
            #expect(ended.status == 0)
            #expect(kill(left, 0) == 0, "the program the child left is still running, so the run did not wait for it")
        }
    }
}

/// A flag one thread sets and another reads.
private final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
