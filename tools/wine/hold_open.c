/* TEST ONLY: holds a file open the way Excel holds an open workbook or CSV (others may read it,
 * nobody may write, rename over or delete it) until the file named by the second argument
 * exists, so tools/check_windows.sh can save over a file "open in Excel" under Wine.
 *
 *   x86_64-w64-mingw32-gcc -O2 -municode -o hold_open.exe hold_open.c
 *   hold_open.exe FILE STOP_FILE
 */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: hold_open FILE STOP_FILE\n");
        return 2;
    }
    HANDLE file = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL,
                              OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "hold_open: cannot open the file (error %lu)\n", GetLastError());
        return 1;
    }
    printf("holding\n");
    fflush(stdout);
    for (int tick = 0; tick < 600; tick++) {
        if (GetFileAttributesW(argv[2]) != INVALID_FILE_ATTRIBUTES) {
            break;
        }
        Sleep(100);
    }
    CloseHandle(file);
    return 0;
}
