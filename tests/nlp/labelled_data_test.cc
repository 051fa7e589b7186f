// Tests for ReadLabelled and ReadSentimentLabelled: label lists in JSON and in
// delimited text, and the errors that keep training data whole.
#include "sift/nlp/labelled_data.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace sift::nlp {
namespace {

using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;

// A malformed file and the error it must give (file, line, reason).
struct ErrorCase {
  const char* name;
  const char* content;
  const char* message;
};

// Writes each case's file into `dir` and checks that `read(path)` fails
// with its message.
template <typename Read>
void ExpectErrors(const TempDir& dir, const std::vector<ErrorCase>& cases,
                  Read read) {
  for (const ErrorCase& c : cases) {
    std::string path = WriteFile(dir.file(c.name), c.content);
    auto result = read(path);
    ASSERT_FALSE(result.ok()) << c.name;
    EXPECT_NE(result.status().message().find(c.message), std::string::npos)
        << result.status().message();
  }
}

Taxonomy TwoLabels() {
  auto t = Taxonomy::Parse(R"({"labels": [{"id": "a"}, {"id": "b"}]})", "t");
  EXPECT_TRUE(t.ok());
  return t.value();
}

TEST(LabelledDataTest, ReadsJsonListsAndDelimitedLists) {
  TempDir dir;
  std::string jsonl = WriteFile(
      dir.file("x.jsonl"), R"({"id": "1", "text": "one", "labels": ["b", "a"]})"
                           "\n"
                           R"({"id": "2", "text": "two", "labels": []})"
                           "\n");
  std::string csv = WriteFile(
      dir.file("y.csv"), "id,text,labels\n3,three,a; b\n4,four,b|b\n5,five,\n");
  auto set = ReadLabelled({jsonl, csv}, TwoLabels(), {});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  ASSERT_EQ(set->items.size(), 5u);
  EXPECT_EQ(set->ids, (std::vector<std::string>{"1", "2", "3", "4", "5"}));
  EXPECT_EQ(set->items[0].labels, (std::vector<int>{0, 1}));
  EXPECT_TRUE(set->items[1].labels.empty());
  EXPECT_EQ(set->items[2].labels, (std::vector<int>{0, 1}));
  EXPECT_EQ(set->items[3].labels, (std::vector<int>{1}));
  EXPECT_TRUE(set->items[4].labels.empty());
  EXPECT_EQ(set->items[0].text, "one");
}

TEST(LabelledDataTest, ErrorsNameFileLineAndReason) {
  TempDir dir;
  ExpectErrors(
      dir,
      {{"unknown.csv", "id,text,labels\n1,x,a\n2,y,zz\n",
        "unknown.csv:3: label 'zz' is not in the taxonomy"},
       {"nolabels.csv", "id,text\n1,x\n",
        "nolabels.csv: no record has a 'labels' field"},
       {"empty.csv", "id,text,labels\n1,,a\n", "empty.csv:2: empty text"}},
      [](const std::string& path) {
        return ReadLabelled({path}, TwoLabels(), {});
      });
}

TEST(LabelledDataTest, ReadsSentimentOnlyFiles) {
  TempDir dir;
  std::string path = WriteFile(
      dir.file("g.jsonl"),
      R"({"id": "g1", "text": "Loved it!", "genre": "arts", "sentiment": "positive", "sentiment_score": 0.7})"
      "\n"
      R"({"id": "g2", "text": "It arrived on Tuesday.", "sentiment": "neutral"})"
      "\n");
  auto examples = ReadSentimentLabelled({path}, {});
  ASSERT_TRUE(examples.ok()) << examples.status().ToString();
  ASSERT_EQ(examples->size(), 2u);
  EXPECT_EQ((*examples)[0].text, "Loved it!");
  EXPECT_EQ((*examples)[0].polarity, Polarity::kPositive);
  EXPECT_DOUBLE_EQ((*examples)[0].score, 0.7);
  EXPECT_FALSE((*examples)[0].analysis_text.empty());
  EXPECT_EQ((*examples)[1].polarity, Polarity::kNeutral);
  EXPECT_DOUBLE_EQ((*examples)[1].score, 0.0);
}

TEST(LabelledDataTest, SentimentOnlyErrorsNameFileAndLine) {
  TempDir dir;
  ExpectErrors(
      dir,
      {{"missing.csv", "id,text,sentiment\n1,x,positive\n2,y,\n",
        "missing.csv:3: no 'sentiment' field"},
       {"bad.csv", "id,text,sentiment\n1,x,happy\n",
        "bad.csv:2: sentiment 'happy' is not negative, neutral or positive"},
       {"score.csv", "id,text,sentiment,sentiment_score\n1,x,positive,2\n",
        "score.csv:2: sentiment_score '2' is not a number from -1 to 1"}},
      [](const std::string& path) {
        return ReadSentimentLabelled({path}, {});
      });
}

}  // namespace
}  // namespace sift::nlp
