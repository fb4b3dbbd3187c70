import re

def show(label, value):
    print(label, repr(value))

# match / search / fullmatch
m = re.match(r"(\w+) (\w+)", "Isaac Newton, physicist")
print(m, m.group(0), m.group(1, 2), m.groups(), m.span(2), m.lastindex, m.lastgroup)
print(re.search(r"(?P<first>\w+) (?P<last>\w+)", "Malcolm Reynolds").groupdict())
m = re.search(r"(?P<first>\w+) (?P<last>\w+)", "  Malcolm Reynolds")
print(m["first"], m.start("last"), m.end(), m.lastgroup, m.re.pattern, m.string, m.pos, m.endpos)
print(re.fullmatch(r"\d+", "123"), re.fullmatch(r"\d+", "123a"), re.fullmatch(r"a|ab", "ab"))
print(re.match(r"a*", "bbb"), re.search(r"$", "abc"), re.search(r"^", "abc"))
print(re.compile(r"\d+").search("ab12cd345", 4), re.compile(r"\d+").match("ab12", 2, 3))

# quantifiers
for pat, s in [(r"a{2,3}", "aaaa"), (r"a{2,3}?", "aaaa"), (r"a{,2}", "aaa"), (r"a{2}", "aaa"),
               (r"(ab)+", "ababab"), (r"(ab)+?", "ababab"), (r"(a|b)*c", "abbac"),
               (r"<.*>", "<a><b>"), (r"<.*?>", "<a><b>"), (r"x*", "xxx"), (r"(?:ab){2,}", "abababx"),
               (r"a{3,5}b", "aaaaaab"), (r"(a+)(a+)", "aaaa"), (r"(a+?)(a+)", "aaaa"), (r"a{1,3}?b", "aaab"),
               (r"(\d{1,3})(?:,(\d{3}))*", "1,234,567"), (r"a++b", "aaab"), (r"(?>a+)b", "aab"), (r"a{", "a{"),
               (r"x{2,1", "xx{2,1"), (r"(a*)*", "b"), (r"(a*)+", "aa"), (r"(a|)+", "aa"), (r"((a)|b)+", "ab")]:
    m = re.search(pat, s)
    print(pat, s, m and (m.group(0), m.groups()))

# classes and escapes
for pat, s in [(r"[a-c]+", "xxabcabd"), (r"[^a-c]+", "abcxyz"), (r"[\d.]+", "v1.25b"), (r"[]a]+", "]a]b"),
               (r"[a\-z]+", "a-zb"), (r"[\w\s]+", "hi there!"), (r"\W+", "ab, cd"), (r"\S+", "  xy "),
               (r"\D+", "12ab34"), (r"[\\]", "a\\b"), (r"\x41\u00e9\n", "A\u00e9\n"), (r"\0", "\0"),
               (r"[^\n]+", "ab\ncd"), (r"a.c", "a\nc abc"), (r"\bfoo\b", "a foo b foobar"), (r"\Bo\B", "foo"),
               (r"[-a]+", "--a"), (r"[a-]+", "a--"), (r"\$\d", "cost $5"), (r"[.^]+", "^.^")]:
    print(pat, re.findall(pat, s))

print(re.findall(r"é+", "ÉÉéé", re.I), re.findall(r"\w+", "naïve café"), re.findall(r"\w+", "naïve café", re.A))
print(re.findall(r"\d", "٣4"), re.findall(r"\d", "٣4", re.ASCII))

# flags
print(re.findall(r"^\w+$", "one\ntwo\nthree", re.M), re.findall(r"^\w+$", "one\ntwo"))
print(re.findall(r"a.b", "a\nb", re.S), re.findall(r"(?s)a.b", "a\nb"), re.findall(r"(?i)HeLLo", "hello HELLO"))
print(re.search(r"(?i:a)B", "AB"), re.search(r"(?i:a)B", "Ab"), re.search(r"(?-i:a)b", "aB", re.I))
verbose = re.compile(r"""
    (?P<int> \d+ )      # integer part
    (?: \. (?P<frac>\d+) )?   # optional fraction
    \ units             # escaped space
""", re.VERBOSE)
print(verbose.match("3.14 units").groupdict(), verbose.match("42 units").groupdict("none"))
print(re.findall(r"[a-z]+", "ABC def", re.IGNORECASE), re.findall(r"[^a-z]+", "ABC def", re.I))
print(re.I, re.I | re.M, re.compile("a", re.I | re.S), re.compile("a"), re.compile(b"a"), re.compile("x").flags)
print(re.compile("(?i)x").flags, re.compile("(a)(?P<b>b)").groups, re.compile("(a)(?P<b>b)").groupindex)

# anchors
print(re.findall(r"\Aab", "abab"), re.findall(r"ab\Z", "abab"), re.search(r"a$", "a\n"), re.search(r"a\Z", "a\n"))
print(re.findall(r"$", "a\nb\n", re.M), re.findall(r"^", "a\nb\n", re.M))

# lookaround and backrefs
print(re.findall(r"\w+(?=,)", "a, bc, d"), re.findall(r"\d+(?!px)\b", "10px 20em 30"))
print(re.findall(r"(?<=\$)\d+", "$10 and 20 and $30"), re.findall(r"(?<!-)\b\d+", "-1 2 -3 4"))
print(re.search(r"(\w)\1", "abccd").group(), re.search(r"(?P<q>['\"]).*?(?P=q)", "say 'hi' \"x\"").group())
print(re.findall(r"(a)(?:x|\1)", "axaa"), re.search(r"(?i)(a)\1", "aA"))
print(re.search(r"(a)?(?(1)b|c)", "c"), re.search(r"(a)?(?(1)b|c)", "ab"), re.search(r"(?<=(a))b", "ab").groups())

# findall / finditer / split / sub
print(re.findall(r"(\w)(\d)?", "a1b2c"), re.findall(r"x*", "axxb"), re.findall(r"", "ab"))
print([(m.start(), m.group()) for m in re.finditer(r"\w+", "hello big world")])
print(re.split(r"\W+", "Words, words, words."), re.split(r"(\W+)", "Words, words, words."))
print(re.split(r"\W+", "Words, words, words.", maxsplit=1), re.split(r"[a-f]+", "0a3B9", flags=re.I))
print(re.split(r"x*", "axbc"), re.split(r"(?:a)|(b)", "1a2b3"), re.split(r"\b", "ab cd"))
print(re.sub(r"x*", "-", "abxd"), re.sub(r"(\w+)@(\w+)", r"\2 at \1", "joe@home, ann@work"))
print(re.sub(r"(?P<w>\w+)", r"<\g<w>|\g<1>|\g<0>>", "ab cd"), re.subn(r"a", "b", "aaa", count=2))
print(re.sub(r"(a)|b", r"[\1]", "ab"), re.sub("a", r"\n\t\\", "a") == "\n\t\\", re.sub(r"\d", lambda m: str(int(m.group()) * 2), "a1b7"))
print(re.sub(r"a", "", "banana"), re.sub(r"^", ">", "l1\nl2", flags=re.M), re.sub(r"(?m)$", "<", "l1\nl2"))
m = re.search(r"(\d+)-(\d+)", "tel 555-1234")
print(m.expand(r"\2/\1"), m.regs, m[0], m.group(0, 1))
print(re.escape("a.b*c?d+e(f)g[h]i{j}k|l^m$n\\o p#q&r~s-t"), re.escape("plain_text123"), re.escape(b"a.b"))

# bytes
print(re.findall(rb"\d+", b"a12b345"), re.sub(rb"(\w)", rb"<\1>", b"ab"), re.split(rb",", b"a,b"))
print(re.match(rb"(?P<x>a)", b"ab").groupdict())

# compiled pattern methods and equality
p = re.compile(r"(\w+)=(\d+)")
print(p, p.pattern, p.findall("a=1 bb=22"), p.sub(r"\1:\2", "x=9"), p == re.compile(r"(\w+)=(\d+)"))
print(p.search("zz=5").groups(), p.fullmatch("a=1"), p.split("k=1;j=2"))

# unmatched groups
m = re.match(r"(a)|(b)", "b")
print(m.groups(), m.groups("-"), m.span(1), m.start(1), m.group(1), m.lastindex)
m = re.match(r"((a)(b))", "ab")
print(m.lastindex, m.groups())

# long inputs do not exhaust the stack
big = "a" * 20000
print(len(re.match(r"(?:a|b)*", big).group()), len(re.match(r"(a)*", big).group()), len(re.findall(r"a", big)))
print(re.match(r"(?:ab)+", "ab" * 5000).end(), bool(re.fullmatch(r"[a-z]*\d", big + "1")))
print(re.search(r"x", big), len(re.sub(r"a", "bb", big)))

# errors
for pat in ["(a", "a)", "*a", "a**", "[a", "a{3,2}", r"\q", r"(?P<a>x)(?P<a>y)", r"\2(a)", "(?P=nope)",
            "[z-a]", "(?<=a+)b", "(?P<1a>x)", "(?Xa)", "a(?i)b", r"\x4", "(?", "a|*", "?", "x{2}{3}", "ab\n(c",
            r"(?P<n", "(?#abc", r"[\d-z]"]:
    try:
        re.compile(pat)
        print(pat, "ok")
    except re.error as e:
        print(type(e).__name__, e, e.pos)
for f in [lambda: re.sub("(a)", r"\2", "a"), lambda: re.sub("(a)", r"\g<x>", "a"), lambda: re.match("(a)", "a").group(3),
          lambda: re.match("a", "a").group("x"), lambda: re.search("a", b"a"), lambda: re.search(b"a", "a"),
          lambda: re.sub("a", r"\q", "a"), lambda: re.compile(5)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
