# time: struct_time, gmtime, mktime, asctime, ctime, strftime. Molt's local
# time is UTC; the expected output is recorded on a machine whose zone is UTC.
import time

t = time.gmtime(0)
print(t)
print(type(t).__name__, len(t), tuple(t))
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday, t.tm_yday, t.tm_isdst)
print(t.tm_zone, t.tm_gmtoff)
print(isinstance(t, tuple), t[0], t[-1], t[:3])

for secs in [0, 1, 59, 86399, 86400, 951782400, 951868800, 1000000000, 1234567890,
             1709251199, 1709251200, 2147483647, 4102444800, -1, -86400, -86401,
             -2208988800, 253402300799, 1700000000.75, -0.5]:
    g = time.gmtime(secs)
    print(secs, tuple(g), time.asctime(g), time.mktime(g) - secs // 1 if isinstance(secs, int) else '')

fmt = '%Y-%m-%d %H:%M:%S|%a %A %b %B|%j %w %u|%y %C|%I %p|%e|%D %T %R %F|%U %W %V %G %g|%%|%c|%x %X|%h'
for secs in [0, 951782400, 1234567890, 1704067200, 1703980800, 1735603200, 1609459200, 1262304000, 1356912000]:
    print(time.strftime(fmt, time.gmtime(secs)))
print(time.strftime('%Y', (2024, 1, 1, 0, 0, 0, 0, 1, 0)))
print(time.strftime('plain text'))
print(time.asctime((2000, 2, 29, 12, 5, 9, 1, 60, 0)))
print(time.mktime((2000, 2, 29, 12, 5, 9, 1, 60, 0)))
print(time.mktime((2000, 14, 1, 0, 0, 0, 0, 0, 0)) == time.mktime((2001, 2, 1, 0, 0, 0, 0, 0, 0)))
print(time.timezone, time.altzone, time.daylight, time.tzname)
lt = time.localtime()
print(type(lt).__name__, len(lt))
print(type(time.ctime()).__name__, len(time.ctime()))
print(time.ctime(0), time.ctime(1234567890))
for bad in [(2000, 13, 1, 0, 0, 0, 0, 1, 0), (2000, 1, 1, 24, 0, 0, 0, 1, 0), (2000, 1, 1, 0, 60, 0, 0, 1, 0)]:
    try:
        time.strftime('%Y', bad)
    except ValueError as e:
        print('ValueError', e)
try:
    time.strftime('%Y', (1, 2, 3))
except TypeError as e:
    print('TypeError', e)
try:
    time.gmtime(float('nan'))
except ValueError as e:
    print('ValueError', e)
l0 = time.localtime(0)
print(l0, l0.tm_zone, l0.tm_gmtoff, isinstance(l0, time.struct_time), time.mktime(l0))
