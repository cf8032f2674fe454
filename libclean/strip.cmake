# zh-strip: the HTML parser (gumbo, see docs/strip.md for why gumbo) is
# linked PRIVATE into libclean; no public header includes it.
find_package(PkgConfig REQUIRED)
if(NOT TARGET PkgConfig::Gumbo)
  pkg_check_modules(Gumbo REQUIRED IMPORTED_TARGET gumbo)
endif()
target_link_libraries(zhclean_clean PRIVATE PkgConfig::Gumbo)
