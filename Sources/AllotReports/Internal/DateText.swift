import AllotLedger

/// `1 Apr 2015` and `1 Apr 2015, 09:05`, written byte by byte into a string of the
/// exact length: pages show thousands of dates, and interpolation took five times as long.
enum DateText {
    static func make(_ date: CivilDate, monthName: [UInt8], minuteOfDay: Int? = nil) -> String {
        let length = textLength(date.day) + 1 + monthName.count + 1 + textLength(date.year) + (minuteOfDay == nil ? 0 : 7)
        return String(unsafeUninitializedCapacity: length) { out in
            var i = 0
            func put(_ byte: UInt8) { out[i] = byte; i += 1 }
            /// `n` in decimal, zero-padded to `width` digits.
            func put(_ n: Int, width: Int = 1) {
                if n < 0 { put(UInt8(ascii: "-")) }
                var rest = n.magnitude
                let count = max(width, digitCount(rest))
                for j in (i..<i + count).reversed() {
                    out[j] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                i += count
            }
            put(date.day)
            put(UInt8(ascii: " "))
            for byte in monthName { put(byte) }
            put(UInt8(ascii: " "))
            put(date.year)
            if let minuteOfDay {
                put(UInt8(ascii: ","))
                put(UInt8(ascii: " "))
                put(minuteOfDay / 60, width: 2)
                put(UInt8(ascii: ":"))
                put(minuteOfDay % 60, width: 2)
            }
            return i
        }
    }

    private static func textLength(_ n: Int) -> Int { digitCount(n.magnitude) + (n < 0 ? 1 : 0) }

    private static func digitCount(_ n: UInt) -> Int {
        var rest = n, count = 1
        while rest >= 10 { rest /= 10; count += 1 }
        return count
    }
}
