// Uses the installed public headers only.
#include <iostream>
#include <sstream>

#include "zhclean/convert.h"
#include "zhclean/stream.h"

int main() {
  auto stage = zhclean::NewConvertStage("s2t");
  if (!stage.ok()) {
    std::cerr << stage.status().ToString() << "\n";
    return 1;
  }
  zhclean::Pipeline pipeline;
  pipeline.Add(std::move(*stage));
  std::istringstream in("汉字\n");
  zhclean::StreamReport report;
  zhclean::Status s = zhclean::CleanStream("in", in, std::cout, &pipeline,
                                           zhclean::StreamOptions(), &report, nullptr);
  return s.ok() ? 0 : 1;
}
