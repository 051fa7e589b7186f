// SectorMapper's mechanics on small tables: precedence, priorities,
// matching, malformed tables; and the unmapped-value counts.
#include "sift/ingest/sectors.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sift::ingest {
namespace {

using Source = SectorMatch::Source;

// A small table whose every field has one rule, for precedence tests.
constexpr char kSmallTable[] =
    "# test table\n"
    "sector\talpha\tfirst\n"
    "sector\tbeta\n"
    "sector\tgamma\n"
    "sector\tdelta\n"
    "sector\tnone_of_these\n"
    "default\tnone_of_these\n"
    "typed\talpha|shared\talpha\n"
    "organisation\tbeta|shared\tbeta\n"
    "respondent_type\tgamma|shared\tgamma\n"
    "text\tdelta|shared\tdelta\n"
    "respondent_type\tboss\tgamma\t7\n"
    "typed\tshared words\tbeta\n";

SectorMapper SmallTable() {
  auto mapper = SectorMapper::FromString(kSmallTable, "small.tsv");
  EXPECT_TRUE(mapper.ok()) << mapper.status().ToString();
  return std::move(mapper).value();
}

TEST(SectorMapper, PrecedenceTypedOrganisationRespondentTypeText) {
  SectorMapper mapper = SmallTable();
  auto map = [&](std::string_view t, std::string_view o, std::string_view r,
                 std::string_view x) {
    return mapper.Map({t, o, r, x});
  };
  EXPECT_EQ(map("shared", "shared", "shared", "shared").sector, "alpha");
  EXPECT_EQ(map("", "shared", "shared", "shared").sector, "beta");
  EXPECT_EQ(map("", "", "shared", "shared").sector, "gamma");
  EXPECT_EQ(map("", "", "", "shared").sector, "delta");
  EXPECT_EQ(map("", "", "", "").sector, "none_of_these");
  // A field whose rules do not fire does not block later ones.
  EXPECT_EQ(map("unknown", "unknown", "gamma", "delta").sector, "gamma");

  SectorMatch m = map("ALPHA", "beta", "gamma", "delta");
  EXPECT_EQ(m.source, Source::kTyped);
  EXPECT_EQ(m.rule, "small.tsv:8");
  EXPECT_EQ(map("", "beta", "", "").rule, "small.tsv:9");
  EXPECT_EQ(map("", "", "", "delta").source, Source::kText);
}

TEST(SectorMapper, PriorityBeatsFieldOrder) {
  SectorMatch m = SmallTable().Map({"alpha", "beta", "Boss", "delta"});
  EXPECT_EQ(m.sector, "gamma");
  EXPECT_EQ(m.source, Source::kRespondentType);
  EXPECT_EQ(m.rule, "small.tsv:12");
}

TEST(SectorMapper, FirstRuleInTableOrderWinsWithinAField) {
  // "shared words" matches line 8 (shared) and line 13 (shared words).
  SectorMatch m = SmallTable().Map({.typed = "shared words"});
  EXPECT_EQ(m.sector, "alpha");
  EXPECT_EQ(m.rule, "small.tsv:8");
}

TEST(SectorMapper, PatternsMatchWholeWordsAfterNormalising) {
  SectorMapper mapper = SmallTable();
  EXPECT_EQ(mapper.Map({.typed = "alphabet"}).source, Source::kNone);
  EXPECT_EQ(mapper.Map({.typed = "pre-alpha"}).sector, "alpha");
  EXPECT_EQ(mapper.Map({.typed = "(Alpha)"}).sector, "alpha");
  EXPECT_EQ(mapper.Map({.typed = "shared\t\n  words"}).rule, "small.tsv:8");
  auto table = SectorMapper::FromString(
      "sector\tx\ndefault\tx\nsector\ty\ntyped\tmember of the public\ty\n",
      "t.tsv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->Map({.typed = "Member_of__the   public"}).sector, "y");
  EXPECT_EQ(table->sectors(), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(table->default_sector(), "x");
}

struct BadTable {
  const char* table;
  const char* expected;  // a substring of the error message
};

TEST(SectorMapper, MalformedTablesNameFileLineAndReason) {
  const std::string head = "sector\ta\ndefault\ta\n";  // lines 1-2
  const BadTable cases[] = {
      {"typed\tpharma(\ta\n", "t.tsv:3: bad pattern 'pharma(': missing )"},
      {"typed\tpharma\tb\n", "t.tsv:3: unknown sector id 'b'"},
      {"typed\tpharma\n", "t.tsv:3: a rule has 3 or 4 tab-separated columns"},
      {"typed\tpharma\ta\t1\textra\n", "found 5"},
      {"typed\tpharma\ta\thigh\n", "t.tsv:3: priority 'high'"},
      {"company\tpharma\ta\n", "t.tsv:3: unknown kind 'company'"},
      {"sector\ta\n", "t.tsv:3: sector 'a' declared twice"},
      {"sector\tBad Id\n", "t.tsv:3: bad sector id 'Bad Id'"},
      {"default\ta\n", "t.tsv:3: default given twice"},
      {"\n# fine\ntext\t\ta\n", "t.tsv:5: empty pattern"},
  };
  for (const BadTable& c : cases) {
    auto mapper = SectorMapper::FromString(head + c.table, "dir/t.tsv");
    ASSERT_FALSE(mapper.ok()) << c.table;
    EXPECT_EQ(mapper.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(mapper.status().message().find(c.expected), std::string::npos)
        << mapper.status().message();
    EXPECT_EQ(mapper.status().message().rfind("dir/t.tsv:", 0), 0u)
        << mapper.status().message();
  }
  auto no_default = SectorMapper::FromString("sector\ta\n", "t.tsv");
  ASSERT_FALSE(no_default.ok());
  EXPECT_NE(no_default.status().message().find("no default line"),
            std::string::npos);
  auto undeclared = SectorMapper::FromString("default\ta\n", "t.tsv");
  EXPECT_NE(undeclared.status().message().find("t.tsv:1: unknown sector"),
            std::string::npos);
}

TEST(SectorMapper, CrlfLinesAndMissingFile) {
  auto mapper = SectorMapper::FromString(
      "sector\ta\r\ndefault\ta\r\nsector\tb\r\ntyped\tx\tb\t2\r\n", "t.tsv");
  ASSERT_TRUE(mapper.ok()) << mapper.status().ToString();
  EXPECT_EQ(mapper->Map({.typed = "x"}).sector, "b");
  EXPECT_EQ(mapper->rule_count(), 1);
  auto missing = SectorMapper::Load("/nonexistent/sectors.tsv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_NE(missing.status().message().find("/nonexistent/sectors.tsv"),
            std::string::npos);
}

TEST(UnmappedSectors, CountsDefaultAndTextOnlyValues) {
  SectorMatch none;
  none.sector = "other";
  SectorMatch text{"education", Source::kText, "t.tsv:9"};
  SectorMatch typed{"education", Source::kTyped, "t.tsv:3"};
  UnmappedSectors unmapped;
  unmapped.Observe("Widgets", none);
  unmapped.Observe("  widgets ", none);
  unmapped.Observe("WIDGETS", text);
  unmapped.Observe("Gizmos", none);
  unmapped.Observe("", none);
  unmapped.Observe("college", typed);  // mapped: not counted
  using Counts = std::vector<std::pair<std::string, std::int64_t>>;
  EXPECT_EQ(unmapped.Sorted(),
            (Counts{{"Widgets", 3}, {"", 1}, {"Gizmos", 1}}));

  UnmappedSectors more;
  more.Observe("gizmos", none);
  more.Observe("Sprockets", none);
  unmapped.Merge(more);
  EXPECT_EQ(unmapped.Sorted(),
            (Counts{{"Widgets", 3}, {"Gizmos", 2}, {"", 1}, {"Sprockets", 1}}));
}

// The EU AI White Paper consultation export's "User type" values, exactly as
// in the file (blank for anonymous submissions), and where they belong.
// "Other", a blank and a company say nothing about the sector; business
// associations and trade unions are cross-sector bodies: `other` by rule.
}  // namespace
}  // namespace sift::ingest
