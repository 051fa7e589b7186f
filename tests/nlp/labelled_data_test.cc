// Tests for ReadLabelled: label lists in JSON and in delimited text, and
// the errors that keep training data whole.
#include "sift/nlp/labelled_data.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace sift::nlp {
namespace {

using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;

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
  const struct {
    const char* name;
    const char* content;
    const char* message;
  } cases[] = {
      {"unknown.csv", "id,text,labels\n1,x,a\n2,y,zz\n",
       "unknown.csv:3: label 'zz' is not in the taxonomy"},
      {"nolabels.csv", "id,text\n1,x\n",
       "nolabels.csv: no record has a 'labels' field"},
      {"empty.csv", "id,text,labels\n1,,a\n", "empty.csv:2: empty text"},
  };
  for (const auto& c : cases) {
    std::string path = WriteFile(dir.file(c.name), c.content);
    auto set = ReadLabelled({path}, TwoLabels(), {});
    ASSERT_FALSE(set.ok()) << c.name;
    EXPECT_NE(set.status().message().find(c.message), std::string::npos)
        << set.status().message();
  }
}

}  // namespace
}  // namespace sift::nlp
