import base64
import binascii

data = [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", bytes(range(256)), b"\xff\xfe\xfd>?"]
for d in data[:7] + data[8:]:
    print(base64.b64encode(d), base64.urlsafe_b64encode(d), base64.b32encode(d), base64.b32hexencode(d), base64.b16encode(d))
for d in data:
    assert base64.b64decode(base64.b64encode(d)) == d
    assert base64.b32decode(base64.b32encode(d)) == d
    assert base64.b32hexdecode(base64.b32hexencode(d)) == d
    assert base64.b16decode(base64.b16encode(d)) == d
    assert base64.urlsafe_b64decode(base64.urlsafe_b64encode(d)) == d
print(base64.b64encode(bytes(range(256)))[:40], base64.b64encode(b"\xfb\xff", altchars=b"-_"))
print(base64.b64decode("Zm9vYmFy"), base64.b64decode(b"Zm9v\nYmE=\n"), base64.b64decode("Zm9 vYg=="), base64.b64decode("YQ==YQ=="))
print(base64.b64decode(b"-_8=", altchars=b"-_"), base64.urlsafe_b64decode("-_8="), base64.standard_b64decode(b"YWJj"))
print(base64.b32decode("mzxw6===", casefold=True), base64.b32decode("MZXW6YQ="), base64.b32decode(b"ONXW2ZJAMRQXIYI="))
print(base64.b16decode("666F6F"), base64.b16decode("666f6f", casefold=True), base64.encodebytes(b"x" * 60), base64.decodebytes(b"eHh4\n"))
print(binascii.hexlify(b"\x01\xab"), binascii.unhexlify("01ab"), binascii.hexlify(b"abcdef", "-", 2), binascii.crc32(b"hello world"))
print(binascii.b2a_base64(b"hi"), binascii.a2b_base64(b"aGk="), binascii.crc32(b"more", binascii.crc32(b"some")))
for f in [lambda: base64.b64decode("abc"), lambda: base64.b64decode("abcde"), lambda: base64.b64decode("a"),
          lambda: base64.b64decode("ab!c=", validate=True), lambda: base64.b64decode("é"), lambda: base64.b64encode("str"),
          lambda: base64.b32decode("MZXW6"), lambda: base64.b32decode("MZXW6!=="), lambda: base64.b16decode("abc"),
          lambda: base64.b16decode("0g"), lambda: base64.b16decode("6f"), lambda: binascii.unhexlify("0"), lambda: binascii.unhexlify("zz"),
          lambda: base64.b64decode(5)]:
    try:
        print(f())
    except (binascii.Error, ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(issubclass(binascii.Error, ValueError))
for s in ["YWJj", "YWI=", "=YWI", "YW=I", "YWI=x", "YWI==", "YWJ", "Y WI="]:
    try:
        print(s, base64.b64decode(s, validate=True))
    except binascii.Error as e:
        print(s, type(e).__name__, e)
