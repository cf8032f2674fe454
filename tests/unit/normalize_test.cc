// The normalize stage end to end: the ruby golden of samples/001, zero
// changes on clean corpora, chunk-boundary invariance, idempotence, edit
// offsets and the option switches.
#include "non_han_bytes.h"
#include "unit/test_util.h"
#include "zhclean/normalize.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace zhclean {
namespace {

struct Recorded {
  uint64_t offset;
  std::string before, after, rule;
  bool operator==(const Recorded& o) const {
    return offset == o.offset && before == o.before && after == o.after &&
           rule == o.rule;
  }
};

constexpr size_t kWhole = 0;

// Runs a fresh stage over `text` fed in chunks of `chunk` bytes (kWhole:
// one chunk), cut anywhere, even inside a character.
std::string Normalize(const std::string& text,
                      const NormalizeOptions& options = {},
                      size_t chunk = kWhole,
                      std::vector<Recorded>* edits = nullptr) {
  auto stage = NewNormalizeStage(options);
  EXPECT_TRUE(stage.ok()) << stage.status().ToString();
  EditSink sink = [edits](const Edit& e) {
    if (edits != nullptr) {
      edits->push_back({e.offset, std::string(e.before), std::string(e.after),
                        std::string(e.rule)});
    }
  };
  EditLog log("normalize", &sink);
  log.StartDocument(0);
  (*stage)->BeginDocument();
  std::string out;
  size_t step = chunk == kWhole ? std::max<size_t>(text.size(), 1) : chunk;
  for (size_t pos = 0; pos < text.size(); pos += step) {
    std::string_view piece = std::string_view(text).substr(pos, step);
    EXPECT_TRUE((*stage)->Process(piece, &out, &log).ok());
    log.AdvanceChunk(piece.size());
  }
  EXPECT_TRUE((*stage)->Finish(&out, &log).ok());
  return out;
}

using testutil::ReadFile;

std::filesystem::path SharedDir() { return ZHCLEAN_SHARED_DIR; }
std::filesystem::path Samples() {
  return std::filesystem::path(ZHCLEAN_SOURCE_DIR) / "samples";
}

std::map<std::string, int> CountByRule(const std::vector<Recorded>& edits) {
  std::map<std::string, int> counts;
  for (const Recorded& e : edits) ++counts[e.rule];
  return counts;
}

TEST(NormalizeStageTest, Sample001RubyGolden) {
  std::string dir = Samples() / "001_685f646d0e7a449a";
  std::string input = ReadFile(dir + "/input.txt");
  std::string expected = ReadFile(dir + "/repair/expected.txt");
  ASSERT_FALSE(input.empty());
  ASSERT_FALSE(expected.empty());
  std::vector<Recorded> edits;
  EXPECT_EQ(Normalize(input, {}, kWhole, &edits), expected);
  std::map<std::string, int> want = {{"punct-width", 66}, {"ruby", 225}};
  EXPECT_EQ(CountByRule(edits), want);
  // Every recorded edit names the bytes at its offset in the input.
  for (const Recorded& e : edits) {
    EXPECT_EQ(input.substr(e.offset, e.before.size()), e.before) << e.offset;
  }
  // Real parentheses stay; the two annotations whose character and `(` were
  // lost to a `?` upstream (`要?jiǎng)?chuàng)新`) cannot be verified and stay.
  EXPECT_NE(expected.find("常委(擴大)會議"), std::string::npos);
  EXPECT_NE(expected.find("各縣(市)區"), std::string::npos);
  EXPECT_NE(expected.find("市行政(市民)服務"), std::string::npos);
  EXPECT_NE(expected.find("會議。(完)"), std::string::npos);
  EXPECT_NE(expected.find("要?jiǎng)?chuàng)新"), std::string::npos);
}

TEST(NormalizeStageTest, OptionsOffLeaveSample001Alone) {
  std::string input = ReadFile(Samples() / "001_685f646d0e7a449a/input.txt");
  NormalizeOptions off;
  off.ruby = off.punct_width = false;
  EXPECT_EQ(Normalize(input, off), input);
}

// The other seeds: the only changes are half-width punctuation in Han text
// (the scraper turned every `，` into `,`) and, in 000, the NBSP pair that
// separates two halves of a heading (`信念&nbsp;&nbsp;切实`).
TEST(NormalizeStageTest, OtherSeedsOnlyPunctAndSpace) {
  const std::map<std::string, std::map<std::string, int>> want = {
      {"000_e8d26845c6ac1826", {{"punct-width", 108}, {"space", 2}}},
      {"002_cadf0b8236b09334", {{"punct-width", 900}}},
      {"003_a97e58f28c234661", {{"punct-width", 83}}},
      {"004_f735b9dd96c8fd75", {{"punct-width", 127}}}};
  for (const auto& [seed, counts] : want) {
    std::string input = ReadFile(Samples() / seed / "input.txt");
    ASSERT_FALSE(input.empty()) << seed;
    std::vector<Recorded> edits;
    Normalize(input, {}, kWhole, &edits);
    EXPECT_EQ(CountByRule(edits), counts) << seed;
    NormalizeOptions no_width;
    no_width.punct_width = no_width.spaces = false;
    EXPECT_EQ(Normalize(input, no_width), input) << seed;
  }
}

TEST(NormalizeStageTest, CleanCorporaUnchanged) {
  for (const char* name : {"zuozhuan.txt", "us_constitution_zhs.txt"}) {
    std::filesystem::path path = SharedDir() / "corpora" / name;
    if (!std::filesystem::exists(path)) {
      GTEST_SKIP() << "no " << path << " (../shared is absent)";
    }
    std::string text = ReadFile(path);
    ASSERT_GT(text.size(), 1000u);
    std::vector<Recorded> edits;
    EXPECT_TRUE(Normalize(text, {}, kWhole, &edits) == text) << name;
    EXPECT_TRUE(edits.empty())
        << name << ": " << edits.size() << " edits, first "
        << (edits.empty() ? "" : edits[0].rule);
  }
}

// Minimal JSON string reader for the "original" fields of negative.json.
std::vector<std::string> JsonStrings(const std::string& json,
                                     const std::string& key) {
  std::vector<std::string> values;
  std::string marker = "\"" + key + "\": \"";
  for (size_t p = json.find(marker); p != std::string::npos;
       p = json.find(marker, p + 1)) {
    std::string value;
    for (size_t i = p + marker.size(); i < json.size() && json[i] != '"'; ++i) {
      if (json[i] != '\\') {
        value += json[i];
        continue;
      }
      char c = json[++i];
      if (c == 'u') {
        unsigned cp = std::stoul(json.substr(i + 1, 4), nullptr, 16);
        i += 4;
        if (cp < 0x80) {
          value += static_cast<char>(cp);
        } else if (cp < 0x800) {
          value += static_cast<char>(0xC0 | (cp >> 6));
          value += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
          value += static_cast<char>(0xE0 | (cp >> 12));
          value += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          value += static_cast<char>(0x80 | (cp & 0x3F));
        }
      } else {
        value += c == 'n' ? '\n' : c == 't' ? '\t' : c;
      }
    }
    values.push_back(value);
  }
  return values;
}

TEST(NormalizeStageTest, FtfyNegativeCasesUnchanged) {
  std::filesystem::path path = SharedDir() / "corpora/ftfy-cases/negative.json";
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << "no " << path << " (../shared is absent)";
  }
  std::vector<std::string> originals = JsonStrings(ReadFile(path), "original");
  ASSERT_GE(originals.size(), 30u);
  for (const std::string& text : originals) {
    EXPECT_EQ(Normalize(text), text);
  }
}

// A real escaped body: the ld+json block of a cwced page holds the article
// as \uXXXX escapes; decoded, it is the gold text (the page's own HTML
// entities are decoded too).
TEST(NormalizeStageTest, JsonEscapedBodyOfARealPage) {
  std::filesystem::path dir = SharedDir() / "corpora/boilerplate/cwced";
  std::string id = "0ef8393b-0415-494c-b608-1d45bb33c6fb";
  if (!std::filesystem::exists(dir / "html" / (id + ".html"))) {
    GTEST_SKIP() << "no " << dir << " (../shared is absent)";
  }
  std::string html = ReadFile(dir / "html" / (id + ".html"));
  std::string gold = ReadFile(dir / "gold" / (id + ".txt"));
  std::string opening =
      gold.substr(0, gold.find("。") + 3);  // 各位好，我是安东尼。
  std::string want = "\"description\":\"" + opening;
  ASSERT_EQ(html.find(want), std::string::npos);
  ASSERT_NE(html.find("\"description\":\"\\u5404"), std::string::npos);
  std::vector<Recorded> edits;
  std::string out = Normalize(html, {}, kWhole, &edits);
  EXPECT_NE(out.find(want), std::string::npos);
  EXPECT_NE(out.find("\"@context\":\"http://schema.org\""), std::string::npos);
  EXPECT_GT(CountByRule(edits)["json-escape"], 100);
}

// One text that exercises every rule.
const char kMixed[] =
    "\xEF\xBB\xBF"
    "标题&amp;lt;b&amp;gt;：&#20013;&#x6587;&nbsp;&copy;\n"
    "\\u300a\\u4e2d\\u6587\\u300b \\u662f\\u4e00 \\\"ok\\\"\n"
    "零\xE2\x80\x8B宽\xE2\x80\xAE反\x01控\r\n"
    "e\xCC\x81t\xC3\xA9 \xE2\xBC\x80\xE4\xB8\xAA\xEF\xA4\x80\xE4\xBA\xBA\n"
    "ＡＢＣ１２３年，中新網(wǎng)報道,網絡（wǎng luò）時代!真的吗?是的\n"
    "价格1,000元,3.5% http://a.b 中:文;好\xC2\xA0\xC2\xA0人 Hello, world!\n"
    "“引号”不变 ‘单引号’ (real) 常委(擴(kuò)大)會(huì)議\n"
    "no newline at end 中,文";

TEST(NormalizeStageTest, MixedTextExpected) {
  const std::string want =
      "标题<b>：中文 ©\n"
      "《中文》 是一 \"ok\"\n"
      "零宽反控\n"
      "\xC3\xA9t\xC3\xA9 一个\xE8\xB1\x88人\n"
      "ABC123年，中新網報道，網絡時代！真的吗？是的\n"
      "价格1,000元,3.5% http://a.b 中：文；好  人 Hello, world!\n"
      "“引号”不变 ‘单引号’ (real) 常委(擴大)會議\n"
      "no newline at end 中，文";
  EXPECT_EQ(Normalize(kMixed), want);
}

// Mojibake behind character references: the repair stage saw only the
// references, so this stage repairs what decoding them uncovered, with the
// same hypotheses; only on lines where references gave characters above
// ASCII, and not with the option off.
TEST(NormalizeStageTest, MojibakeBehindReferencesIsRepaired) {
  std::vector<Recorded> edits;
  EXPECT_EQ(Normalize("10\u00CE&frac14;s\n", {}, kWhole, &edits), "10\u03BCs\n");
  EXPECT_EQ(CountByRule(edits)["mojibake:after-references"], 1);
  EXPECT_EQ(Normalize("caf&Atilde;&copy;\n"), "caf\u00E9\n");
  EXPECT_EQ(Normalize("&#228;&#184;&#173;&#230;&#150;&#135;\n"), "中文\n");
  EXPECT_EQ(Normalize("caf\u00C3\u00A9 &lt;b&gt;\n"), "caf\u00C3\u00A9 <b>\n");
  NormalizeOptions off;
  off.mojibake = false;
  EXPECT_EQ(Normalize("caf&Atilde;&copy;\n", off), "caf\u00C3\u00A9\n");
}

TEST(NormalizeStageTest, ChunkBoundaryInvariance) {
  std::vector<std::string> texts = {
      kMixed, ReadFile(Samples() / "001_685f646d0e7a449a/input.txt"),
      ReadFile(Samples() / "000_e8d26845c6ac1826/input.txt")};
  for (const std::string& text : texts) {
    std::vector<Recorded> whole_edits;
    std::string whole = Normalize(text, {}, kWhole, &whole_edits);
    for (size_t chunk : {1, 2, 3, 7, 64, 4096}) {
      std::vector<Recorded> edits;
      EXPECT_EQ(Normalize(text, {}, chunk, &edits), whole) << "chunk " << chunk;
      EXPECT_TRUE(edits == whole_edits) << "chunk " << chunk;
    }
  }
}

// A line longer than the stage's 256 KiB window is cut at the same places
// whatever the chunking.
TEST(NormalizeStageTest, OverlongLineChunkInvariance) {
  std::string line;
  while (line.size() < 700 * 1024)
    line += "中新網(wǎng)報道,網站&amp;新聞 abc ";
  std::string text = line + "\n" + line;
  std::string whole = Normalize(text);
  EXPECT_LT(whole.size(), text.size());
  EXPECT_EQ(whole.find("(wǎng)"), std::string::npos);
  for (size_t chunk : {7, 4096, 65536}) {
    EXPECT_TRUE(Normalize(text, {}, chunk) == whole) << "chunk " << chunk;
  }
}

TEST(NormalizeStageTest, Idempotent) {
  for (const std::string& text :
       {std::string(kMixed),
        ReadFile(Samples() / "001_685f646d0e7a449a/input.txt"),
        ReadFile(Samples() / "002_cadf0b8236b09334/input.txt"),
        std::string(
            "&amp;amp;lt;x&amp;#20013; 中\xC2\xA0\xE2\xBC\x80\xE2\xBC\x80")}) {
    std::string once = Normalize(text);
    EXPECT_EQ(Normalize(once), once);
  }
}

TEST(NormalizeStageTest, EachOptionSwitchesItsRule) {
  struct Case {
    bool NormalizeOptions::*option;
    const char* rule;
  };
  const Case cases[] = {{&NormalizeOptions::ruby, "ruby"},
                        {&NormalizeOptions::entities, "entity"},
                        {&NormalizeOptions::json_escapes, "json-escape"},
                        {&NormalizeOptions::nfc, "nfc"},
                        {&NormalizeOptions::radicals, "radical"},
                        {&NormalizeOptions::punct_width, "punct-width"},
                        {&NormalizeOptions::ascii_width, "ascii-width"},
                        {&NormalizeOptions::spaces, "space"},
                        {&NormalizeOptions::controls, "control"},
                        {&NormalizeOptions::crlf, "crlf"}};
  std::vector<Recorded> all;
  Normalize(kMixed, {}, kWhole, &all);
  std::map<std::string, int> all_counts = CountByRule(all);
  for (const Case& c : cases) {
    EXPECT_GT(all_counts[c.rule], 0) << c.rule;
    NormalizeOptions options;
    options.*c.option = false;
    std::vector<Recorded> edits;
    Normalize(kMixed, options, kWhole, &edits);
    EXPECT_EQ(CountByRule(edits).count(c.rule), 0u) << c.rule;
  }
  NormalizeOptions none;
  for (const Case& c : cases) none.*c.option = false;
  EXPECT_EQ(Normalize(kMixed, none), kMixed);
}

TEST(NormalizeStageTest, EditOffsetsPointIntoTheInput) {
  std::string text = "x\nab&amp;cd\r\n中新網(wǎng)報道,好\n";
  std::vector<Recorded> edits;
  Normalize(text, {}, kWhole, &edits);
  ASSERT_EQ(edits.size(), 4u);
  EXPECT_EQ(edits[0].rule, "entity");
  EXPECT_EQ(edits[0].offset, 4u);
  EXPECT_EQ(edits[1].rule, "crlf");
  EXPECT_EQ(edits[1].offset,
            text.find('\r'));  // Mapped back through the entity.
  EXPECT_EQ(edits[2].rule, "ruby");
  EXPECT_EQ(edits[2].offset, text.find("(wǎng)"));
  EXPECT_EQ(edits[3].rule, "punct-width");
  EXPECT_EQ(edits[3].offset, text.find(','));
  // An offset after a lengthening edit maps back too: `,` (1 byte) becomes
  // `，` (3 bytes) before the space pass sees the NBSP.
  edits.clear();
  std::string grown = "好,中\xC2\xA0好,中\xC2\xA0中\n";
  Normalize(grown, {}, kWhole, &edits);
  ASSERT_EQ(edits.size(), 4u);
  for (const Recorded& e : edits) {
    EXPECT_EQ(grown.substr(e.offset, e.before.size()), e.before) << e.rule;
  }
  // Within a line, edits come in input order whatever the pass order.
  edits.clear();
  std::string line = "好,網(wǎng)&amp;\n";
  Normalize(line, {}, kWhole, &edits);
  ASSERT_EQ(edits.size(), 3u);
  EXPECT_EQ(edits[0].rule, "punct-width");
  EXPECT_EQ(edits[1].rule, "ruby");
  EXPECT_EQ(edits[2].rule, "entity");
  EXPECT_LT(edits[0].offset, edits[1].offset);
  EXPECT_LT(edits[1].offset, edits[2].offset);
}

TEST(NormalizeStageTest, EmptyAndNewlineOnlyInput) {
  EXPECT_EQ(Normalize(""), "");
  EXPECT_EQ(Normalize("\n\n"), "\n\n");
  // The first line decides: a CRLF file keeps its line ends.
  EXPECT_EQ(Normalize("\r\n"), "\r\n");
  EXPECT_EQ(Normalize("a\r\nb\r\nc\n"), "a\r\nb\r\nc\n");
  EXPECT_EQ(Normalize("a\nb\r\nc\r\r\n"), "a\nb\nc\n");
}

}  // namespace
}  // namespace zhclean

namespace zhclean {
namespace {

// `s` with bytes outside printable ASCII as \xNN, for failure messages.
std::string Escaped(const std::string& s) {
  std::string out;
  char buf[8];
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

// Property test over random texts built from pieces that trigger every rule:
// idempotence, chunk-boundary invariance and valid UTF-8 output.
TEST(NormalizePropertyTest, RandomPieces) {
  const char* const kPieces[] = {"網",
                                 "絡",
                                 "中",
                                 "文",
                                 "吗",
                                 "什么",
                                 "1",
                                 "0",
                                 "a",
                                 "Z",
                                 " ",
                                 ",",
                                 ":",
                                 ";",
                                 "!",
                                 "?",
                                 "(",
                                 ")",
                                 "（",
                                 "）",
                                 "wǎng",
                                 "luò",
                                 "huì",
                                 "“",
                                 "”",
                                 "&amp;",
                                 "&lt;",
                                 "&#20013;",
                                 "&nbsp;",
                                 "\\u4e2d",
                                 "\\u6587",
                                 "\\\\",
                                 "\xC2\xA0",
                                 "\xE3\x80\x80",
                                 "\xE2\x80\x8B",
                                 "\xE2\x80\x8D",
                                 "\xE2\x80\xAE",
                                 "\x01",
                                 "\r",
                                 "\n",
                                 "\r\n",
                                 "\xEF\xBC\xA1",
                                 "\xEF\xBC\x91",
                                 "\xE2\xBC\x80",
                                 "\xEF\xA4\x80",
                                 "e\xCC\x81",
                                 "\xCC\x81",
                                 "。",
                                 "%",
                                 ".",
                                 "http://"};
  uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7FFF;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    int n = 1 + static_cast<int>(next() % 60);
    for (int k = 0; k < n; ++k) text += kPieces[next() % std::size(kPieces)];
    std::string once = Normalize(text);
    ASSERT_EQ(Normalize(once), once) << "not idempotent: " << Escaped(text);
    for (size_t chunk : {1, 3, 7}) {
      ASSERT_EQ(Normalize(text, {}, chunk), once)
          << "chunk " << chunk << ": " << Escaped(text);
    }
  }
}

// The driver never feeds invalid UTF-8 to this stage, but a bad caller must
// not crash it.
TEST(NormalizePropertyTest, InvalidUtf8DoesNotCrash) {
  const std::string inputs[] = {"\xE4",       "\xE4\xB8",    "中\xFF,文\n",
                                "\xC2",       "(\xE7\xB6",   "&#\xE4",
                                "\\u4e2\xE4", "\xF0\x9F\x98"};
  for (const std::string& text : inputs) {
    std::string out = Normalize(text);
    EXPECT_FALSE(out.empty());
  }
}

}  // namespace
}  // namespace zhclean

// The block classifier behind the stage's line scan agrees with its
// definition for every byte value in every position of a block.
TEST(NonHanLeadBitsTest, EveryByteInEveryPosition) {
  for (int pos = 0; pos < zhclean::internal::kNonHanBlock; ++pos) {
    for (int b = 0; b < 256; ++b) {
      unsigned char block[zhclean::internal::kNonHanBlock];
      for (int i = 0; i < zhclean::internal::kNonHanBlock; ++i) block[i] = 0xA5;  // Continuation.
      block[pos] = static_cast<unsigned char>(b);
      bool skipped = (b >= 0x80 && b < 0xC0) || (b >= 0xE4 && b <= 0xE9);
      EXPECT_EQ(zhclean::internal::NonHanLeadBits(block), skipped ? 0u : 1u << pos)
          << "byte " << b << " at " << pos;
    }
  }
}

// The punctuation finder marks exactly the lead bytes of U+3000-3029 and
// U+FF0C, wherever they sit in a block, and nothing in other text.
TEST(NonHanLeadBitsTest, CommonPunctuationLeads) {
  const std::pair<const char*, bool> chars[] = {
      {"\u3000", true},  {"\u3002", true},  {"\u3001", true},  {"\u300A", true},
      {"\u3029", true},  {"\u302A", false}, {"\u3041", false}, {"\uFF0C", true},
      {"\uFF01", false}, {"\uFF1F", false}, {"\u4E2D", false}, {"\u2014", false},
      {"a", false}};
  for (int pos = 0; pos < zhclean::internal::kNonHanBlock; ++pos) {
    for (const auto& [ch, marked] : chars) {
      std::string text(static_cast<size_t>(pos), 'x');
      text += ch;
      text.resize(zhclean::internal::kNonHanBlock + 2 + 4, 'x');
      uint32_t bits = zhclean::internal::CommonPunctLeadBits(
          reinterpret_cast<const unsigned char*>(text.data()));
      EXPECT_EQ(bits, marked ? 1u << pos : 0u) << ch << " at " << pos;
    }
  }
}
