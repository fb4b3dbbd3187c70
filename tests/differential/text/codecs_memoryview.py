"""Codecs (utf-8, ascii, latin-1, utf-16/32 with error handlers and
UnicodeError attributes), bytes %-formatting and memoryview basics."""


def show(label, fn):
    try:
        print(label, repr(fn()))
    except UnicodeError as e:
        print(label, type(e).__name__, e, "|", e.encoding, e.start, e.end, e.reason, repr(e.object))
    except Exception as e:
        print(label, type(e).__name__, e)


s = "h€llo wörld 😀"
for enc in ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "UTF8", "utf_16_le"]:
    b = s.encode(enc)
    print(enc, len(b), b[:12], b.decode(enc) == s)
for errors in ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace"]:
    show("ascii-" + errors, lambda: s.encode("ascii", errors))
    show("latin1-" + errors, lambda: s.encode("latin-1", errors))
for data in [b"ok\xff", b"\xc3", b"\xe2\x82", b"a\x80b", b"\xed\xa0\x80", b"\xf0\x9f\x98"]:
    for errors in ["strict", "replace", "ignore", "backslashreplace"]:
        show(repr(data) + "-" + errors, lambda: data.decode("utf-8", errors))
show("ascii-dec", lambda: b"ab\xe9".decode("ascii"))
show("u16-odd", lambda: b"a\x00b".decode("utf-16-le"))
show("unknown", lambda: "x".encode("klingon"))
show("handler", lambda: "é".encode("ascii", "nope"))
print(b"%s=%d (%x) %r %a %c%c %5.1f%% %b" % (b"key", 42, 255, b"r", "é", 65, b"B", 99.5, bytearray(b"ba")))
print(bytearray(b"%03d|") % 7, b"%(k)s" % {b"k": b"v"})
show("bytes-fmt-str", lambda: b"%s" % "text")
show("bytes-fmt-c", lambda: b"%c" % 256)
mv = memoryview(b"hello world")
print(len(mv), mv[0], mv[-1], bytes(mv[0:5]), mv[6:].tobytes(), mv[::2].tobytes(), mv.tolist()[:3], mv.hex()[:6])
print(mv == b"hello world", mv[:5] == b"hello", mv.readonly, mv.nbytes, mv.itemsize, mv.format, mv.ndim)
ba = bytearray(b"abc")
mb = memoryview(ba)
ba[0] = 65
print(bytes(mb), mb.readonly, b"-".join([mb, b"x"]), int.from_bytes(memoryview(b"\x01\x00"), "big"))
with memoryview(b"ctx") as m:
    print(m.tobytes())
show("released", lambda: m.tobytes())
show("mv-type", lambda: memoryview("str"))
