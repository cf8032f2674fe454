# The double-byte code tables of GBK, GB18030 and Big5 (codec_tables_data.cc),
# generated at build time from ICU's converters by libclean/gen/gen_codec_tables.cc.
# Included from libclean/CMakeLists.txt.
add_executable(zhclean_gen_codec_tables ${CMAKE_CURRENT_SOURCE_DIR}/gen/gen_codec_tables.cc)
target_link_libraries(zhclean_gen_codec_tables PRIVATE ICU::uc)
zhclean_warnings(zhclean_gen_codec_tables)
set(ZHCLEAN_CODEC_DATA ${CMAKE_CURRENT_BINARY_DIR}/codec_tables_data.cc)
add_custom_command(
  OUTPUT ${ZHCLEAN_CODEC_DATA}
  COMMAND zhclean_gen_codec_tables ${ZHCLEAN_CODEC_DATA}
  DEPENDS zhclean_gen_codec_tables
  COMMENT "Generating the GBK, GB18030 and Big5 code tables from ICU"
  VERBATIM)
target_sources(zhclean_clean PRIVATE ${ZHCLEAN_CODEC_DATA})
