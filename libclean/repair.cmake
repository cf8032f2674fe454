# zh-repair's generated table: the character n-gram model of Chinese, built
# from Debian python3-jieba's dict.txt (plus its traditional-script form
# through the opencc tool when present). Included from libclean/CMakeLists.txt.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(ZHCLEAN_JIEBA_DICT "/usr/lib/python3/dist-packages/jieba/dict.txt"
    CACHE FILEPATH "jieba dict.txt used to build the zh-repair n-gram model")
find_program(ZHCLEAN_OPENCC_TOOL opencc)
set(ZHCLEAN_NGRAM_DATA ${CMAKE_CURRENT_BINARY_DIR}/ngram_data.cc)
set(ZHCLEAN_NGRAM_ARGS ${ZHCLEAN_JIEBA_DICT} ${ZHCLEAN_NGRAM_DATA})
if(ZHCLEAN_OPENCC_TOOL)
  list(APPEND ZHCLEAN_NGRAM_ARGS ${ZHCLEAN_OPENCC_TOOL})
endif()
add_custom_command(
  OUTPUT ${ZHCLEAN_NGRAM_DATA}
  COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/scripts/gen_ngram_data.py ${ZHCLEAN_NGRAM_ARGS}
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/gen_ngram_data.py ${ZHCLEAN_JIEBA_DICT}
  COMMENT "Generating the zh-repair n-gram model from jieba's dict.txt"
  VERBATIM)
target_sources(zhclean_clean PRIVATE ${ZHCLEAN_NGRAM_DATA})
