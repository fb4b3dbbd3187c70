import struct

print(struct.pack("<hHiIqQ", -2, 65535, -70000, 4000000000, -(2 ** 63), 2 ** 64 - 1))
print(struct.pack(">bB?xc", -128, 255, True, b"z"), struct.pack("!i", 1), struct.pack("=H", 258))
print(struct.pack("<f", 1.5), struct.pack(">d", -0.1), struct.pack("<e", 0.333), struct.pack("<d", float("inf")))
print(struct.pack("<f", 0.1), struct.pack("<f", 1e-45), struct.pack("<f", 3.4e38), struct.pack("<e", 65504.0), struct.pack("<e", 6e-8))
print(struct.unpack("<f", struct.pack("<f", 0.1)), struct.unpack("<e", struct.pack("<e", 0.1)), struct.unpack(">d", struct.pack(">d", 1 / 3)))
print(struct.unpack("<d", struct.pack("<d", 5e-324)), struct.unpack("<f", b"\x00\x00\xc0\x7f"), struct.unpack(">f", b"\xff\x80\x00\x00"))
print(struct.pack("<5s", b"abc"), struct.pack("<2s", b"abcdef"), struct.pack("<4p", b"abcdef"), struct.pack("3s2x", b"hey"))
print(struct.unpack("<5s2b", b"hello\x01\xff"), struct.unpack("<4p", b"\x02abz"), struct.unpack("3c", b"xyz"))
print(struct.calcsize("<hHiIqQ"), struct.calcsize("@bi"), struct.calcsize("@bq"), struct.calcsize("bi"), struct.calcsize("<bi"))
print(struct.calcsize("@hbd"), struct.calcsize("3i2h"), struct.calcsize("10s"), struct.calcsize(""), struct.calcsize("0i"))
print(struct.pack("@bi", 1, 2), struct.pack("@hxd", 1, 2.0), struct.unpack("@bi", struct.pack("@bi", -1, -2)))
print(struct.pack("<3h", 1, 2, 3), struct.unpack("<3h", b"\x01\x00\x02\x00\x03\x00"), struct.unpack("<2?", b"\x00\x05"))
print(list(struct.iter_unpack("<hb", b"\x01\x00\x02\x03\x00\x04")), struct.unpack_from("<h", b"xx\x05\x00", 2))
s = struct.Struct("<ih")
print(s.format, s.size, s.pack(7, -7), s.unpack(b"\x07\x00\x00\x00\xf9\xff"), s.unpack_from(bytearray(b"\x00" * 8), 1))
buf = bytearray(10)
struct.pack_into("<hh", buf, 2, 1, -1)
print(buf, struct.pack("<Q", 2 ** 63), struct.pack("<q", True), struct.pack("<d", 3))
for f in [lambda: struct.pack("<h", 40000), lambda: struct.pack("<B", -1), lambda: struct.pack("<b", 128),
          lambda: struct.pack("<i", 2 ** 31), lambda: struct.pack("<I", -1), lambda: struct.pack("<Q", -1),
          lambda: struct.pack("<q", 2 ** 63), lambda: struct.pack("<h", 1.0), lambda: struct.pack("<hh", 1),
          lambda: struct.pack("<h", 1, 2), lambda: struct.unpack("<h", b"\x00"), lambda: struct.pack("<z", 1),
          lambda: struct.pack("<f", 1e39), lambda: struct.pack("<e", 1e6), lambda: struct.pack("<s", "str"),
          lambda: struct.pack("<c", b"ab"), lambda: struct.pack("<d", "x"), lambda: list(struct.iter_unpack("<h", b"abc")),
          lambda: struct.unpack_from("<i", b"ab", 0), lambda: struct.calcsize("<n"), lambda: struct.calcsize("3"),
          lambda: struct.pack_into("<i", bytearray(2), 0, 1), lambda: struct.unpack("<h", "ab")]:
    try:
        print(f())
    except (struct.error, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
