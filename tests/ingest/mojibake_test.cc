// Tests for RepairMojibake: UTF-8 that was once mis-decoded as Windows-1252.
#include <gtest/gtest.h>

#include <string>

#include "text_source.h"

namespace sift::ingest {
namespace {

struct Case {
  const char* input;
  const char* want;
  bool changed;
};

TEST(MojibakeTest, RepairsDoubleEncodedUtf8) {
  const Case cases[] = {
      {"don\u00e2\u20ac\u2122t", "don\u2019t", true},
      {"\u00e2\u20ac\u0153quoted\u00e2\u20ac\u009d", "\u201cquoted\u201d",
       true},
      {"cost \u00c2\u00a35m", "cost \u00a35m", true},
      {"caf\u00c3\u00a9 culture", "caf\u00e9 culture", true},
      {"2019\u00e2\u20ac\u201c2030", "2019\u20132030", true},
      {"wait\u00e2\u20ac\u00a6", "wait\u2026", true},
      {"\u00c5\u00a0koda", "\u0160koda", true},
  };
  for (const Case& c : cases) {
    bool changed = false;
    EXPECT_EQ(RepairMojibake(c.input, &changed), c.want) << c.input;
    EXPECT_EQ(changed, c.changed) << c.input;
  }
}

TEST(MojibakeTest, LeavesGenuineTextAlone) {
  const char* cases[] = {
      "plain ASCII text",
      "p\u00e2t\u00e9 and cr\u00e8me br\u00fbl\u00e9e",
      "\u00c3 alone, \u00c2 alone, \u00e2 alone",
      "na\u00efve \u00c5ngstr\u00f6m",
      "\u2019smart\u2019 \u201cquotes\u201d \u2013 dash",
      "\u00e2 followed by a space \u20ac",
      "\u6f22\u5b57 and emoji \U0001F600",
  };
  for (const char* text : cases) {
    bool changed = true;
    EXPECT_EQ(RepairMojibake(text, &changed), text);
    EXPECT_FALSE(changed) << text;
  }
}

}  // namespace
}  // namespace sift::ingest
