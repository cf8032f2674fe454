#include "common/cli.h"
#include "zh_fix.h"

int main(int argc, char** argv) {
  return zhclean::cli::Main(argc, argv, zhclean::RunZhFix);
}
