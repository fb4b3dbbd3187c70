import textwrap

text = ("The quick brown fox jumps over the lazy dog. Python's textwrap module wraps long-winded "
        "paragraphs -- hyphenated-words and em--dashes included -- into tidy lines. Supercalifragilisticexpialidocious!")
for w in (10, 20, 33, 70):
    print(w, textwrap.wrap(text, width=w))
print(textwrap.fill(text, width=40, initial_indent="* ", subsequent_indent="  "))
print(textwrap.wrap(text, width=15, break_long_words=False))
print(textwrap.wrap(text, width=15, break_on_hyphens=False))
print(textwrap.wrap("a  b\tc\nd   ", width=3, drop_whitespace=False))
print(textwrap.wrap("Hello.  World. Mr. Smith! ok", width=80, fix_sentence_endings=True))
print(textwrap.wrap(text, width=30, max_lines=3), textwrap.wrap(text, width=30, max_lines=2, placeholder="..."))
print(repr(textwrap.shorten("Hello  world!   How are you?", width=12)), repr(textwrap.shorten("Hello world!", width=11)))
print(repr(textwrap.shorten(text, 60, placeholder=" (more)")))
print(repr(textwrap.dedent("""\
    def f():
        return 1
      
    # done
""")))
print(repr(textwrap.dedent("  a\n\tb\n")), repr(textwrap.dedent("\t\tx\n\t\ty\n")), repr(textwrap.dedent("no indent\n  x")))
print(repr(textwrap.indent("one\n\ntwo\n", "> ")), repr(textwrap.indent("a\n  \nb", "+", lambda line: True)))
w = textwrap.TextWrapper(width=12, expand_tabs=True, tabsize=4)
print(w.wrap("col1\tcol2\tcol3 end"), w.fill("x" * 30))
print(textwrap.wrap("", 10), textwrap.wrap("   ", 10), textwrap.fill("short", 10))
for bad in [lambda: textwrap.wrap("abc", width=0), lambda: textwrap.wrap("abc def", width=4, max_lines=1, placeholder=" [....]")]:
    try:
        print(bad())
    except ValueError as e:
        print(type(e).__name__, e)
