#include "common/cli.h"
#include "zh_repair.h"

int main(int argc, char** argv) {
  return zhclean::cli::Main(argc, argv, zhclean::RunZhRepair);
}
