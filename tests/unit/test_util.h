// Helpers shared by the unit tests.
#ifndef ZHCLEAN_TESTS_UNIT_TEST_UTIL_H_
#define ZHCLEAN_TESTS_UNIT_TEST_UTIL_H_

#include <fstream>
#include <sstream>
#include <string>

namespace zhclean::testutil {

// The whole file, or "" when it cannot be read.
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace zhclean::testutil

#endif  // ZHCLEAN_TESTS_UNIT_TEST_UTIL_H_
