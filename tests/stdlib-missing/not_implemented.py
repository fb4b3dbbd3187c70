# A public name of CPython 3.12 that a module Molt provides lacks: accessing
# it gives a placeholder whose call raises NotImplementedError naming it (or
# the error on access for a non-callable name). Names CPython does not have
# either still raise AttributeError / ImportError / NameError. Expected
# output: not_implemented.expected (hand-written; CPython prints otherwise).
import builtins
import gc
import os
import random
import sys
import time


def attempt(label, f):
    try:
        r = f()
    except NotImplementedError as e:
        print(label, 'NotImplementedError:', e)
    except AttributeError as e:
        print(label, 'AttributeError:', e)
    except ImportError as e:
        print(label, 'ImportError:', str(e).split(' (')[0])
    except NameError as e:
        print(label, 'NameError:', e)
    else:
        print(label, 'ok:', r)


# callable names: a placeholder, raising when called
attempt('time.clock_gettime', lambda: time.clock_gettime(0))
attempt('os.fork', lambda: os.fork())
attempt('gc.get_objects', lambda: gc.get_objects())
attempt('random.SystemRandom', lambda: random.SystemRandom())
attempt('builtins.help', lambda: builtins.help())
attempt('breakpoint', lambda: breakpoint())
print(time.clock_gettime, time.clock_gettime.__name__)
print(hasattr(time, 'clock_gettime'), callable(time.clock_gettime))

# from-imports of callable names
from gc import get_referrers
from random import binomialvariate
attempt('from gc import get_referrers', lambda: get_referrers([]))
attempt('from random import binomialvariate', lambda: binomialvariate(10, 0.5))

# non-callable names raise on access
attempt('time.CLOCK_REALTIME', lambda: time.CLOCK_REALTIME)
attempt('sys.flags', lambda: sys.flags)
attempt('getattr(sys, "thread_info", None)', lambda: getattr(sys, 'thread_info', None))


def import_nonexistent_constant():
    from gc import DEBUG_LEAK
    return DEBUG_LEAK


attempt('from gc import DEBUG_LEAK', import_nonexistent_constant)

# names CPython does not have either
attempt('time.nosuch', lambda: time.nosuch)
attempt('random.nosuch', lambda: random.nosuch)
attempt('hasattr', lambda: hasattr(time, 'nosuch'))
attempt('getattr default', lambda: getattr(random, 'nosuch', 'default'))


def import_missing_native():
    from time import nosuch
    return nosuch


def import_missing_python():
    from random import nosuch
    return nosuch


attempt('from time import nosuch', import_missing_native)
attempt('from random import nosuch', import_missing_python)
attempt('nosuchname', lambda: nosuchname)  # noqa: F821

# placeholders are not module attributes: dir() and star-imports leave them out
print('clock_gettime' in dir(time), 'binomialvariate' in dir(random))
from time import *  # noqa: E402,F403
print('clock_gettime' in globals(), 'strftime' in globals())
