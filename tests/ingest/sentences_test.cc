#include "sift/ingest/sentences.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sift::ingest {
namespace {

std::vector<std::string> Split(const std::string& text) {
  auto splitter = SentenceSplitter::Create();
  EXPECT_TRUE(splitter.ok());
  std::vector<TextSpan> spans;
  splitter->Split(text, &spans);
  std::vector<std::string> out;
  for (const TextSpan& s : spans) out.emplace_back(s.Of(text));
  return out;
}

using Sentences = std::vector<std::string>;

TEST(SentenceSplitterTest, Table) {
  struct Case {
    std::string text;
    Sentences want;
  } cases[] = {
      {"", {}},
      {"   \n\t ", {}},
      {"One sentence", {"One sentence"}},
      {"Roads are bad. Buses are worse!",
       {"Roads are bad.", "Buses are worse!"}},
      {"Why? Because.", {"Why?", "Because."}},
      {"We need e.g. more buses. Thanks",
       {"We need e.g. more buses.", "Thanks"}},
      {"Priorities:\n- skills\n- rail\r\n- broadband",
       {"Priorities:", "- skills", "- rail", "- broadband"}},
      {"  Leading and trailing space.  ", {"Leading and trailing space."}},
      {"Caf\xC3\xA9 culture matters. \xE2\x80\x9CYes\xE2\x80\x9D, really.",
       {"Caf\xC3\xA9 culture matters.",
        "\xE2\x80\x9CYes\xE2\x80\x9D, really."}},
  };
  for (const Case& c : cases) EXPECT_EQ(Split(c.text), c.want) << c.text;
}

TEST(SentenceSplitterTest, SpansAreVerbatimAndInvalidUtf8IsSafe) {
  std::string text = "Bad \xFF byte here. Next one.";
  auto splitter = SentenceSplitter::Create();
  ASSERT_TRUE(splitter.ok());
  std::vector<TextSpan> spans;
  splitter->Split(text, &spans);
  ASSERT_FALSE(spans.empty());
  for (const TextSpan& s : spans) {
    EXPECT_LE(s.end, text.size());
    EXPECT_LT(s.begin, s.end);
  }
  EXPECT_EQ(spans.back().Of(text), "Next one.");
}

}  // namespace
}  // namespace sift::ingest
