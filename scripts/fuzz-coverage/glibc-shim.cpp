// Three symbols that Jazzer.js 4.0.0's prebuilt addon (fuzzer-linux-x64.node) takes from
// a newer toolchain than Debian 12's glibc 2.36 / libstdc++ of GCC 12 provide. The
// addon's loader (scripts/fuzz-coverage/addon.mjs) copies the prebuild, clears the
// version of these three symbols with patchelf and makes the copy load this library
// first, so the dynamic linker finds them here. Built only when the prebuild fails to
// load; on a newer system nothing of this is used.
#include <cstdlib>
#include <ios>

extern "C" {

// glibc 2.38 maps strtol/strtoul to these when compiled as C2x/C++23. They differ from
// the classic functions in one way: with base 0 or 2 they also accept a "0b"/"0B"
// prefix. That prefix is not handled here; libFuzzer parses its flags and the addon its
// options with base 10, so forwarding is exact for every call the addon makes.
long __isoc23_strtol(const char *s, char **end, int base) { return std::strtol(s, end, base); }
unsigned long __isoc23_strtoul(const char *s, char **end, int base) { return std::strtoul(s, end, base); }

}

namespace std {
// GCC 13's <iostream> calls this from each translation unit instead of defining its own
// static ios_base::Init object; doing the latter once here initialises cout, cerr & co.
// exactly as GCC 12's headers would have.
void ios_base_library_init() { static ios_base::Init init; }
}
