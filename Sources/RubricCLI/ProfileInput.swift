import Foundation
import Rubric

/// Where a profile comes from: a file, or `-` for standard input.
enum ProfileInput {
    /// The name standard input has in messages and in the result's `profile.source`.
    static let stdinName = "<stdin>"

    /// Loads the profile at `path`, reading standard input when `path` is `-`.
    /// `asOf` is the date a FHIR record is read at (see ``FHIROptions``).
    static func load(_ path: String, asOf: CalendarDate? = nil) throws(InputError) -> Profile {
        guard path == "-" else { return try Profile.load(path: path, asOf: asOf) }
        // at most one byte more than a profile may have, so a larger input is refused, not read whole
        let data = (try? FileHandle.standardInput.read(upToCount: InputLimits.maximumProfileBytes + 1)) ?? nil
        let bytes = data ?? Data()
        let first = bytes.first { !" \t\r\n".utf8.contains($0) }
        return try Profile.load(data: bytes, source: stdinName, json: first == UInt8(ascii: "{"), asOf: asOf)
    }
}
