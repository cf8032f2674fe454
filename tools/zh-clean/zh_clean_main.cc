#include "common/cli.h"
#include "zh_clean.h"

int main(int argc, char** argv) {
  return zhclean::cli::Main(argc, argv, zhclean::RunZhClean);
}
