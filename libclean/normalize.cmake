# The normalize stage (libclean/src/icu_normalize*.cc, ruby*, escapes*,
# width*): the Unihan readings table for the ruby pass and libxml2's HTML
# entity table, both generated at build time.
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

# libxml2's HTML entity names (libclean/gen/gen_html_entities.cc): the
# entity pass then needs no libxml2 at run time.
zhclean_generated_source(gen_html_entities ${CMAKE_CURRENT_BINARY_DIR}/html_entities_data.cc
                         "Generating the HTML entity table from libxml2" LibXml2::LibXml2)
