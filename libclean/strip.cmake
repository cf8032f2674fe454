# zh-strip: the HTML parser is libxml2's (chosen over gumbo by measure, see
# docs/strip.md), linked PRIVATE into libclean; no public header includes it.
if(NOT TARGET LibXml2::LibXml2)
  find_package(LibXml2 REQUIRED)
endif()
target_link_libraries(zhclean_clean PRIVATE LibXml2::LibXml2)
