enum UTF8Check {
    /// The index of the first byte from `start` that is not part of valid UTF-8, or nil.
    static func firstInvalidByte(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, releasing source: SourceBytes? = nil) -> Int? {
        var release = ReleaseBehind(source)
        var i = start
        let end = bytes.count
        while i < end {
            release.passed(i)
            let blockEnd = min(end, i + (1 << 20))
            while i < blockEnd {
                let b = bytes[i]
                if b < 0x80 { i += 1; continue }
                let length: Int, minimum: UInt32
                switch b {
                case 0xC2...0xDF: length = 2; minimum = 0x80
                case 0xE0...0xEF: length = 3; minimum = 0x800
                case 0xF0...0xF4: length = 4; minimum = 0x10000
                default: return i
                }
                guard i + length <= end else { return i }
                var scalar = UInt32(b) & (0xFF >> (length + 1))
                for k in 1..<length {
                    let c = bytes[i + k]
                    guard c & 0xC0 == 0x80 else { return i }
                    scalar = scalar << 6 | UInt32(c & 0x3F)
                }
                guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return i }
                i += length
            }
        }
        source?.release(before: end)
        return nil
    }
}
