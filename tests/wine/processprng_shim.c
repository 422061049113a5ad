/*
 * Test-only shim, never shipped: Rust's standard library has needed
 * ProcessPrng from bcryptprimitives.dll on Windows since Rust 1.78
 * (rust-lang/rust#121337), and Debian's Wine 8 does not provide it. This DLL,
 * placed next to copydesk.exe under Wine, forwards it to SystemFunction036
 * (RtlGenRandom), which Wine has.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
