# The normalize stage (libclean/src/icu_normalize*.cc, ruby*, escapes*,
# width*): the Unihan readings table for the ruby pass, generated at build
# time, and libxml2 for the HTML entity table.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
find_package(LibXml2 REQUIRED)

set(ZHCLEAN_UNIHAN_READINGS /usr/share/unicode/Unihan_Readings.txt.bz2
    CACHE FILEPATH "Unihan_Readings.txt(.bz2), from Debian's unicode-data")
if(NOT EXISTS ${ZHCLEAN_UNIHAN_READINGS})
  message(FATAL_ERROR "Missing ${ZHCLEAN_UNIHAN_READINGS}: install unicode-data "
                      "or set ZHCLEAN_UNIHAN_READINGS")
endif()

set(ZHCLEAN_READINGS_DATA ${CMAKE_CURRENT_BINARY_DIR}/ruby_readings_data.cc)
add_custom_command(
  OUTPUT ${ZHCLEAN_READINGS_DATA}
  COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/scripts/gen_readings.py
          ${ZHCLEAN_UNIHAN_READINGS} ${ZHCLEAN_READINGS_DATA}
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/gen_readings.py ${ZHCLEAN_UNIHAN_READINGS}
  COMMENT "Generating the Unihan readings table for the ruby pass"
  VERBATIM)
target_sources(zhclean_clean PRIVATE ${ZHCLEAN_READINGS_DATA})
target_link_libraries(zhclean_clean PRIVATE LibXml2::LibXml2)
