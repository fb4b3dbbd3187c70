# keyword, binascii and gc: normal use and the errors CPython gives.
import binascii
import gc
import keyword

print(len(keyword.kwlist), keyword.kwlist[:5], keyword.softkwlist)
for w in ["if", "match", "case", "_", "type", "print", "None", "async", "await", "lambda", ""]:
    print(repr(w), keyword.iskeyword(w), keyword.issoftkeyword(w))

print(binascii.hexlify(b""), binascii.hexlify(b"\x00\x7f\x80\xff"), binascii.b2a_hex(b"Molt"))
print(binascii.hexlify(b"\x01\x02\x03\x04\x05", ":"), binascii.hexlify(b"\x01\x02\x03\x04\x05", b"-", -2))
print(binascii.unhexlify(b"4d6f6C74"), binascii.a2b_hex("00ff"))
print(binascii.b2a_base64(b"\x00\x01\x02"), binascii.b2a_base64(b"abc", newline=False))
print(binascii.a2b_base64(b"AAEC\n"), binascii.a2b_base64("YWJj"))
print(binascii.crc32(b""), binascii.crc32(b"a"), binascii.crc32(b"The quick brown fox"), binascii.crc32(b"x", 12345))
print(binascii.crc_hqx(b"123456789", 0xFFFF), binascii.crc_hqx(b"", 7))
for bad in [lambda: binascii.unhexlify("abc"), lambda: binascii.unhexlify("zz"), lambda: binascii.hexlify("text"),
            lambda: binascii.a2b_base64(b"abcde"), lambda: binascii.crc32("s")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(issubclass(binascii.Error, ValueError), issubclass(binascii.Incomplete, Exception))

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())


class Node:
    def __init__(self):
        self.other = None


a = Node()
b = Node()
a.other = b
b.other = a
del a, b
print(gc.collect() >= 2, gc.collect())
t = gc.get_threshold()
print(type(t).__name__, len(t), all(isinstance(x, int) for x in t))
