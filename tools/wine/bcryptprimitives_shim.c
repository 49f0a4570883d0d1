/* TEST ONLY, NEVER SHIPPED: a stand-in for Windows' bcryptprimitives.dll under Wine 8.0.
 *
 * Every exe built by Rust 1.78 or newer imports ProcessPrng from bcryptprimitives.dll for its
 * random numbers (hash map seeds). Windows 10 and 11 have that DLL; Debian 12's Wine 8.0 does
 * not, so the exe would not start under it. tools/check_windows.sh builds this into a throwaway
 * WINEPREFIX only: ProcessPrng filled from RtlGenRandom (advapi32's SystemFunction036).
 *
 *   x86_64-w64-mingw32-gcc -O2 -shared -o bcryptprimitives.dll bcryptprimitives_shim.c \
 *       -ladvapi32 -Wl,--kill-at
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
