import hashlib

samples = [b"", b"abc", b"The quick brown fox jumps over the lazy dog", b"a" * 55, b"a" * 56, b"a" * 64,
           b"x" * 111, b"x" * 112, b"y" * 128, bytes(range(256)) * 3]
for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"]:
    ctor = getattr(hashlib, name)
    for s in samples:
        print(name, len(s), ctor(s).hexdigest())
    h = hashlib.new(name)
    h.update(b"The quick brown ")
    c = h.copy()
    h.update(b"fox jumps over the lazy dog")
    print(h.name, h.digest_size, h.block_size, h.hexdigest() == ctor(samples[2]).hexdigest(), c.hexdigest() == ctor(b"The quick brown ").hexdigest())
    print(h.digest()[:8], h.hexdigest() == h.hexdigest())
m = hashlib.sha256()
for i in range(100):
    m.update(str(i).encode())
print(m.hexdigest(), hashlib.md5(bytearray(b"ba")).hexdigest(), hashlib.sha1(bytearray(b"mv")).hexdigest())
print(hashlib.new("SHA256", b"upper").hexdigest(), hashlib.sha256(string=b"kw").hexdigest())
print(hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 2, 20).hex(), hashlib.pbkdf2_hmac("sha1", b"pw", b"s", 3).hex())
print(sorted(hashlib.algorithms_guaranteed & {"md5", "sha1", "sha256"}))
for f in [lambda: hashlib.sha256("text"), lambda: hashlib.new("nope"), lambda: hashlib.md5().update("x"), lambda: hashlib.sha1(5)]:
    try:
        print(f())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
