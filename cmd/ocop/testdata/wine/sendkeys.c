/* Test-only emulation of an input tool (Unikey-like) rewriting "as" into
   "á": types "Tha", erases the "a", types "á", then "nh" — "Thánh".
   argv[1] = "vk": the erase is the virtual key VK_BACK (right everywhere);
   "unicode": the erase is the character 0x08 sent with KEYEVENTF_UNICODE,
   which GLFW drops unless OCOP Desk's window procedure fix is in. */
#include <windows.h>
#include <string.h>
static void unicodeChar(WCHAR c) {
    INPUT in[2];
    ZeroMemory(in, sizeof in);
    in[0].type = INPUT_KEYBOARD;
    in[0].ki.wScan = c;
    in[0].ki.dwFlags = KEYEVENTF_UNICODE;
    in[1] = in[0];
    in[1].ki.dwFlags = KEYEVENTF_UNICODE | KEYEVENTF_KEYUP;
    SendInput(2, in, sizeof(INPUT));
}
static void vkBack(void) {
    INPUT in[2];
    ZeroMemory(in, sizeof in);
    in[0].type = INPUT_KEYBOARD;
    in[0].ki.wVk = VK_BACK;
    in[1] = in[0];
    in[1].ki.dwFlags = KEYEVENTF_KEYUP;
    SendInput(2, in, sizeof(INPUT));
}
int main(int argc, char **argv) {
    int unicode = argc > 1 && strcmp(argv[1], "unicode") == 0;
    unicodeChar(L'T'); Sleep(60);
    unicodeChar(L'h'); Sleep(60);
    unicodeChar(L'a'); Sleep(60);
    if (unicode) unicodeChar(0x08); else vkBack();
    Sleep(60);
    unicodeChar(0x00E1); Sleep(60);
    unicodeChar(L'n'); Sleep(60);
    unicodeChar(L'h');
    return 0;
}
