/* Test-only stand-in for bcryptprimitives.dll's ProcessPrng, which Wine 8
   lacks and Go 1.22+ Windows binaries need. Not shipped to users. */
#include <windows.h>
typedef BOOLEAN (WINAPI *RtlGenRandomFn)(PVOID, ULONG);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    static RtlGenRandomFn gen;
    if (!gen) gen = (RtlGenRandomFn)GetProcAddress(LoadLibraryA("advapi32.dll"), "SystemFunction036");
    while (len > 0) {
        ULONG n = len > 0x7fffffff ? 0x7fffffff : (ULONG)len;
        if (!gen || !gen(data, n)) return FALSE;
        data += n; len -= n;
    }
    return TRUE;
}
