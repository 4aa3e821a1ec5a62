// Reference pre-tokenizer split with Oniguruma (what HF tokenizers uses): build with `gcc -O2 onig-split.c -o onig-split -lonig` (Debian libonig-dev).
// Splits each NUL-separated UTF-8 text on stdin with the given pattern exactly as HF tokenizers' onig does
// (ONIG_SYNTAX_RUBY, option none, find_iter). Prints one line per text: byte lengths of the matches and gaps ("m5 g2 ...").
#include <oniguruma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char** argv) {
  OnigEncoding enc = ONIG_ENCODING_UTF8; onig_initialize(&enc, 1);
  regex_t* reg; OnigErrorInfo einfo;
  const UChar* pat = (const UChar*)argv[1];
  int r = onig_new(&reg, pat, pat + strlen((char*)pat), ONIG_OPTION_NONE, ONIG_ENCODING_UTF8, ONIG_SYNTAX_RUBY, &einfo);
  if (r != ONIG_NORMAL) { fprintf(stderr, "bad pattern %d\n", r); return 1; }
  static char buf[1 << 24]; size_t n = fread(buf, 1, sizeof buf, stdin);
  OnigRegion* region = onig_region_new();
  size_t pos = 0;
  while (pos < n) {
    size_t len = strlen(buf + pos);
    const UChar* s = (UChar*)buf + pos; const UChar* end = s + len;
    size_t at = 0, last = 0;
    while (at <= len) {
      int m = onig_search(reg, s, end, s + at, end, region, ONIG_OPTION_NONE);
      if (m < 0) break;
      int b = region->beg[0], e = region->end[0];
      if (b > (int)last) printf("g%d ", b - (int)last);
      if (e > b) printf("m%d ", e - b);
      last = e;
      at = e > b ? (size_t)e : (size_t)e + 1;
    }
    if (len > last) printf("g%zu ", len - last);
    printf("\n");
    pos += len + 1;
  }
  return 0;
}
