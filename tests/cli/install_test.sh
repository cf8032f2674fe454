#!/usr/bin/env bash
# cmake --install puts tools, man pages, headers, the library, the CMake
# package, the pkg-config file and the rules under a prefix; a consumer
# project builds against it with find_package(zhclean) and with pkg-config.
source "$(dirname "$0")/lib.sh"
build="$TOOLS/.."
prefix="$WORK/prefix"
cmake --install "$build" --prefix "$prefix" > "$WORK/install.log" 2>&1
expect_eq "install rc" "$?" 0
for f in bin/zh-convert share/man/man1/zh-convert.1 include/zhclean/pipeline.h \
         lib/libzhclean_clean.a lib/cmake/zhclean/zhcleanConfig.cmake \
         lib/pkgconfig/zhclean.pc share/zhclean/rules/README.md; do
  if [ -e "$prefix/$f" ]; then pass; else fail "not installed: $f"; fi
done
if ls "$prefix"/include/zhclean/ | grep -q -v '\.h$'; then fail "non-header in include/"; else pass; fi
if grep -rq -E '#include <(unicode|opencc)/' "$prefix/include"; then
  fail "public headers include ICU or OpenCC"
else
  pass
fi
cmake -S "$SRC/tests/install" -B "$WORK/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release > "$WORK/consumer.log" 2>&1 &&
  cmake --build "$WORK/consumer" >> "$WORK/consumer.log" 2>&1
rc=$?
expect_eq "consumer builds with find_package" "$rc" 0
[ "$rc" = 0 ] || tail -20 "$WORK/consumer.log"
expect_eq "consumer runs" "$("$WORK/consumer/consumer" 2>&1)" "漢字"
cflags=$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags zhclean)
expect_match "pkg-config cflags" "$cflags" "^-I$prefix/lib/pkgconfig/../../include"
expect_match "pkg-config libs" "$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --libs zhclean)" "-lzhclean_clean"
for tool in zh-repair zh-strip zh-fix zh-convert zh-clean; do
  page="$prefix/share/man/man1/$tool.1"
  expect_match "$tool man page" "$(head -5 "$page" 2>&1)" "\.TH ${tool^^} \"1\""
  expect_match "$tool man page options" "$(grep -c 'Print this help' "$page" 2>&1)" "^[1-9]"
done
expect_match "man page NAME" "$(sed -n '/^\.SH NAME/{n;p}' "$prefix/share/man/man1/zh-convert.1")" \
  "zh-convert .- convert Chinese script variants"
finish
