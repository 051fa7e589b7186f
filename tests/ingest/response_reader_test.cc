// Tests for ResponseReader: field mapping, long and wide exports, ids,
// rejections, accounting, redaction and dates.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "field_mapping.h"
#include "sift/ingest/response.h"
#include "test_util.h"

namespace sift::ingest {
namespace {

using Kind = ResponseItem::Kind;
using Pairs = std::vector<std::pair<std::string, std::string>>;
using Strings = std::vector<std::string>;
using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;

struct Output {
  std::vector<Response> responses;
  std::vector<Rejection> rejections;
  FileStats stats;
  Pairs resolved;
};

class ResponseReaderTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& bytes) {
    return WriteFile(dir_.file(name), bytes);
  }

  // Reads every item of `path`; fails the test if it cannot be opened.
  Output ReadPath(const std::string& path,
                  const ResponseReaderOptions& options = {}) {
    Output out;
    auto reader = ResponseReader::Open(path, options);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    if (!reader.ok()) return out;
    for (int guard = 0; guard < 10000; ++guard) {
      ResponseItem item;
      Status status = reader->Next(&item);
      EXPECT_TRUE(status.ok()) << status.ToString();
      if (!status.ok() || item.kind == Kind::kEnd) break;
      if (item.kind == Kind::kResponse) {
        out.responses.push_back(std::move(item.response));
      } else {
        out.rejections.push_back(std::move(item.rejection));
      }
    }
    out.stats = reader->stats();
    out.resolved = reader->resolved_columns();
    // Accounting holds for every file.
    EXPECT_EQ(out.stats.units, out.stats.responses + out.stats.rejected);
    EXPECT_EQ(out.stats.responses,
              static_cast<std::int64_t>(out.responses.size()));
    EXPECT_EQ(out.stats.rejected,
              static_cast<std::int64_t>(out.rejections.size()));
    return out;
  }
  Output Read(const std::string& bytes,
              const ResponseReaderOptions& options = {}) {
    return ReadPath(Write("responses.csv", bytes), options);
  }
  Status OpenError(const std::string& bytes,
                   const ResponseReaderOptions& options) {
    auto reader = ResponseReader::Open(Write("bad.csv", bytes), options);
    EXPECT_FALSE(reader.ok());
    return reader.ok() ? Status::Ok() : reader.status();
  }

  TempDir dir_;
};

Strings Ids(const Output& out) {
  Strings ids;
  for (const Response& r : out.responses) ids.push_back(r.id);
  return ids;
}

Strings Reasons(const Output& out) {
  Strings reasons;
  for (const Rejection& r : out.rejections) {
    reasons.push_back(std::to_string(r.line) + ": " + r.reason);
  }
  return reasons;
}

TEST_F(ResponseReaderTest, LongFormatWithAliases) {
  std::string path = Write(
      "long.csv",
      "Response ID,Comment,Respondent type,Organisation name,Date submitted,"
      "Sector,Area,Extra Col\n"
      "R1,\"Great plan,  but <b>more</b> buses \xE2\x80\x94 please\","
      "Individual,,04/03/2019 14:22,,St Albans,x1\n"
      "R2,We support it,Organisation,Herts "
      "LEP,2019-03-04,Transport,Dacorum,\n");
  Output out = ReadPath(path);
  EXPECT_EQ(out.resolved, (Pairs{{"id", "Response ID"},
                                 {"text", "Comment"},
                                 {"question", ""},
                                 {"respondent_type", "Respondent type"},
                                 {"organisation", "Organisation name"},
                                 {"sector", "Sector"},
                                 {"district", "Area"},
                                 {"date", "Date submitted"}}));
  ASSERT_EQ(out.responses.size(), 2u);
  const Response& r1 = out.responses[0];
  EXPECT_EQ(r1.id, "R1");
  EXPECT_EQ(r1.respondent, "R1");
  EXPECT_EQ(r1.display_text, "Great plan, but more buses \xE2\x80\x94 please");
  EXPECT_EQ(r1.text, "Great plan, but more buses - please");
  EXPECT_EQ(r1.question, "");
  EXPECT_EQ(r1.respondent_type, "Individual");
  EXPECT_EQ(r1.organisation, "");
  EXPECT_EQ(r1.district, "St Albans");
  EXPECT_EQ(r1.date, "2019-03-04T14:22");
  EXPECT_EQ(r1.metadata, (Pairs{{"Extra Col", "x1"}}));
  EXPECT_EQ(r1.source_file, path);
  EXPECT_EQ(r1.source_line, 2);
  const Response& r2 = out.responses[1];
  EXPECT_EQ(r2.id, "R2");
  EXPECT_EQ(r2.organisation, "Herts LEP");
  EXPECT_EQ(r2.sector_raw, "Transport");
  EXPECT_EQ(r2.sector, "");  // no SectorMapper in the options
  EXPECT_EQ(r2.date, "2019-03-04");
  EXPECT_TRUE(r2.metadata.empty());
  EXPECT_EQ(r2.source_line, 3);
  EXPECT_EQ(out.stats.units, 2);
  EXPECT_EQ(out.stats.respondents, 2);
}

TEST_F(ResponseReaderTest, ExplicitMapOverridesAliases) {
  ResponseReaderOptions options;
  options.mapping.explicit_columns = {{"text", "Notes"}, {"id", "Ref No"}};
  Output out =
      Read("Ref No,Comment,Notes\nA-1,alias text,mapped text\n", options);
  ASSERT_EQ(out.responses.size(), 1u);
  EXPECT_EQ(out.responses[0].id, "A-1");
  EXPECT_EQ(out.responses[0].text, "mapped text");
  EXPECT_EQ(out.responses[0].metadata, (Pairs{{"Comment", "alias text"}}));
  EXPECT_EQ(out.resolved[1],
            (std::pair<std::string, std::string>{"text", "Notes"}));
}

TEST_F(ResponseReaderTest, MappingErrors) {
  ResponseReaderOptions options;
  options.mapping.explicit_columns = {{"text", "Nope"}};
  Status missing = OpenError("id,Comment\n1,x\n", options);
  EXPECT_EQ(missing.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(missing.message().find("bad.csv"), std::string::npos);
  EXPECT_NE(missing.message().find("no column 'Nope'"), std::string::npos)
      << missing.message();

  Status no_text = OpenError("id,Name,Score\n1,x,3\n", {});
  EXPECT_NE(no_text.message().find("no text column"), std::string::npos);
  EXPECT_NE(no_text.message().find("--map text=COLUMN"), std::string::npos)
      << no_text.message();

  auto parsed = ParseFieldAssignment("organisation=Org Name");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value(),
            (std::pair<std::string, std::string>{"organisation", "Org Name"}));
  for (const char* bad : {"colour=Red", "text", "=x", "text="}) {
    auto result = ParseFieldAssignment(bad);
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_EQ(result.status().code(), Status::Code::kInvalidArgument);
  }
  EXPECT_NE(ParseFieldAssignment("colour=Red")
                .status()
                .message()
                .find("unknown field 'colour'"),
            std::string::npos);
}

constexpr char kWide[] =
    "Respondent ID,Q1. What do you think?,Q10 Any other comments,Q2 Why,"
    "District\n"
    "R1,Good idea,Nothing else,,Dacorum\n"
    "R2,,,  ,Watford\n"
    "R3,,More buses,Because,Hertsmere\n";

TEST_F(ResponseReaderTest, WideTextColumnSelection) {
  struct Case {
    const char* name;
    Strings text_columns;
    Strings ids;
    Strings rejections;
  };
  const Case cases[] = {
      {"word-boundary prefix",
       {"Q1"},
       {"R1/q1_what_do_you_think"},
       {"3: no answer in any of the 1 text columns",
        "4: no answer in any of the 1 text columns"}},
      {"exact name",
       {"Q10 Any other comments"},
       {"R1/q10_any_other_comments", "R3/q10_any_other_comments"},
       {"3: no answer in any of the 1 text columns"}},
      {"glob",
       {"Q*"},
       {"R1/q1_what_do_you_think", "R1/q10_any_other_comments",
        "R3/q10_any_other_comments", "R3/q2_why"},
       {"3: no answer in any of the 3 text columns"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ResponseReaderOptions options;
    options.mapping.text_columns = c.text_columns;
    Output out = Read(kWide, options);
    EXPECT_EQ(Ids(out), c.ids);
    EXPECT_EQ(Reasons(out), c.rejections);
    EXPECT_EQ(out.stats.respondents, 3);
    EXPECT_EQ(out.stats.units,
              static_cast<std::int64_t>(c.ids.size() + c.rejections.size()));
  }
}

TEST_F(ResponseReaderTest, WideAnswersCarryQuestionAndRowFields) {
  ResponseReaderOptions options;
  options.mapping.text_columns = {"Q*"};
  Output out = Read(kWide, options);
  ASSERT_EQ(out.responses.size(), 4u);
  const Response& r = out.responses[3];
  EXPECT_EQ(r.question, "Q2 Why");
  EXPECT_EQ(r.text, "Because");
  EXPECT_EQ(r.respondent, "R3");
  EXPECT_EQ(r.district, "Hertsmere");
  EXPECT_EQ(r.source_line, 4);
  EXPECT_TRUE(r.metadata.empty());
  EXPECT_EQ(out.responses[0].question, "Q1. What do you think?");
}

TEST_F(ResponseReaderTest, WideColumnsByPositionWithRepeatedHeaders) {
  ResponseReaderOptions o;
  o.mapping.text_columns = {"#2-3"};
  Output read = Read(
      "id,Other; please specify,Other; please specify,Score\n"
      "r1,more buses,more trains,5\n",
      o);
  ASSERT_EQ(read.responses.size(), 2u);
  EXPECT_EQ(read.responses[0].id, "r1/other_please_specify");
  EXPECT_EQ(read.responses[1].id, "r1/other_please_specify_3");
  EXPECT_EQ(read.responses[0].question, "Other; please specify [column 2]");
  EXPECT_EQ(read.responses[1].question, "Other; please specify [column 3]");
}

TEST_F(ResponseReaderTest, SpreadsheetErrorValuesRejected) {
  Output out = Read("id,text\nr1,#NAME?\nr2,#N/A\nr3,fine\n");
  EXPECT_EQ(Ids(out), (Strings{"r3"}));
  ASSERT_EQ(out.rejections.size(), 2u);
  EXPECT_EQ(out.rejections[0].line, 2);
  EXPECT_EQ(out.rejections[0].reason,
            "cell holds the spreadsheet error #NAME?, not an answer (the text "
            "was lost before export)");
}

TEST_F(ResponseReaderTest, WideErrors) {
  ResponseReaderOptions options;
  options.mapping.text_columns = {"Q1"};
  Status ambiguous = OpenError("id,Q1 first,Q1: second\n1,a,b\n", options);
  EXPECT_NE(ambiguous.message().find("matches 2 columns"), std::string::npos)
      << ambiguous.message();
  options.mapping.text_columns = {"Q9"};
  Status none = OpenError("id,Q1 first\n1,a\n", options);
  EXPECT_NE(none.message().find("matches no column"), std::string::npos)
      << none.message();
}

TEST_F(ResponseReaderTest, IdsFromFileStemAndRow) {
  std::string path = Write("survey-2019.csv",
                           "Comment,Extra\none,a\ntoo,many,fields\nthree,c\n");
  Output first = ReadPath(path);
  EXPECT_EQ(Ids(first), (Strings{"survey-2019:1", "survey-2019:3"}));
  EXPECT_EQ(first.responses[1].respondent, "survey-2019:3");
  EXPECT_EQ(Reasons(first), (Strings{"3: row has 3 fields, header has 2"}));
  EXPECT_EQ(first.stats.respondents, 3);
  Output second = ReadPath(path);
  EXPECT_EQ(Ids(second), Ids(first));

  ResponseReaderOptions wide;
  wide.mapping.text_columns = {"Q*"};
  Output w = ReadPath(Write("wide.csv", "Q1 a,Q2 b\nx,y\n,z\n"), wide);
  EXPECT_EQ(Ids(w), (Strings{"wide:1/q1_a", "wide:1/q2_b", "wide:2/q2_b"}));
}

TEST_F(ResponseReaderTest, EmptyTextRejected) {
  Output out = Read(
      "id,Comment\n"
      "1,fine\n"
      "2,\n"
      "3,\"   \n\t \"\n"
      "4,<br><p></p>\n"
      "5,\xE2\x80\x8B\n");
  EXPECT_EQ(Ids(out), (Strings{"1"}));
  EXPECT_EQ(Reasons(out), (Strings{"3: empty text", "4: empty text",
                                   "6: empty text", "7: empty text"}));
  EXPECT_EQ(out.stats.units, 5);
  EXPECT_EQ(out.stats.respondents, 5);
}

TEST_F(ResponseReaderTest, RedactionAppliedAndCounted) {
  const std::string file =
      "id,Comment,Organisation,Contact\n"
      "1,\"Email me at jo@example.com or call 07700 900123\",Acme AL1 3JX,"
      "jo@example.com\n";
  Output out = Read(file);
  ASSERT_EQ(out.responses.size(), 1u);
  const Response& r = out.responses[0];
  EXPECT_EQ(r.display_text, "Email me at [EMAIL] or call [PHONE]");
  EXPECT_EQ(r.text, "Email me at [EMAIL] or call [PHONE]");
  EXPECT_EQ(r.organisation, "Acme [POSTCODE]");
  EXPECT_EQ(r.metadata, (Pairs{{"Contact", "[EMAIL]"}}));
  EXPECT_EQ(out.stats.redactions.by_kind[static_cast<int>(PiiKind::kEmail)], 2);
  EXPECT_EQ(out.stats.redactions.by_kind[static_cast<int>(PiiKind::kPhone)], 1);
  EXPECT_EQ(out.stats.redactions.by_kind[static_cast<int>(PiiKind::kPostcode)],
            1);
  EXPECT_EQ(out.stats.redactions.total(), 4);

  ResponseReaderOptions keep;
  keep.redact = false;
  Output raw = Read(file, keep);
  ASSERT_EQ(raw.responses.size(), 1u);
  EXPECT_EQ(raw.responses[0].text,
            "Email me at jo@example.com or call 07700 900123");
  EXPECT_EQ(raw.responses[0].display_text, raw.responses[0].text);
  EXPECT_EQ(raw.responses[0].organisation, "Acme AL1 3JX");
  EXPECT_EQ(raw.responses[0].metadata, (Pairs{{"Contact", "jo@example.com"}}));
  EXPECT_EQ(raw.stats.redactions.total(), 0);
}

TEST_F(ResponseReaderTest, DatesNormalised) {
  const Pairs cases = {
      {"04/03/2019 14:22", "2019-03-04T14:22"},
      {"2019-03-04", "2019-03-04"},
      {"2019-03-04T09:05:33Z", "2019-03-04T09:05"},
      {"3/25/2019", "2019-03-25"},
      {"25.12.2020", "2020-12-25"},
      {"43528.5", "2019-03-04T12:00"},
      {"43528", "2019-03-04"},
      {"last Tuesday", "last Tuesday"},
      {"31/02/2019", "31/02/2019"},
      {"", ""},
  };
  std::string file = "id,Comment,Date\n";
  for (std::size_t i = 0; i < cases.size(); ++i) {
    file += std::to_string(i) + ",text," + cases[i].first + "\n";
  }
  Output out = Read(file);
  ASSERT_EQ(out.responses.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(out.responses[i].date, cases[i].second) << cases[i].first;
  }
  EXPECT_EQ(ParseDate("not a date"), "");
}

TEST_F(ResponseReaderTest, MostlyUndecodableTextRejected) {
  Output out = Read(
      "id,Comment\n"
      "1,\x81\x8D\x8F\x90 ok\n"
      "2,caf\xE9 is fine \x81\n");
  EXPECT_EQ(Reasons(out),
            (Strings{"2: text cannot be decoded (4 of 7 characters "
                     "unreadable; try --encoding)"}));
  ASSERT_EQ(out.responses.size(), 1u);
  EXPECT_EQ(out.responses[0].display_text, "caf\xC3\xA9 is fine \xEF\xBF\xBD");
  EXPECT_EQ(out.stats.decode.replaced_chars, 5);
  EXPECT_EQ(out.stats.decode.repaired_values, 2);
}

TEST_F(ResponseReaderTest, JsonlWithExplicitMap) {
  ResponseReaderOptions options;
  options.mapping.explicit_columns = {{"text", "body_text"}, {"id", "ref"}};
  Output out = ReadPath(Write("feed.jsonl",
                              "{\"ref\": \"a1\", \"body_text\": \"Hello\"}\n"
                              "{\"ref\": \"a2\", \"body_text\": \"\"}\n"),
                        options);
  EXPECT_EQ(Ids(out), (Strings{"a1"}));
  EXPECT_EQ(Reasons(out), (Strings{"2: empty text"}));

  ResponseReaderOptions wide;
  wide.mapping.text_columns = {"Q*"};
  Output w =
      ReadPath(Write("wide.jsonl",
                     "{\"id\": \"r1\", \"Q1 a\": \"x\", \"Q2 b\": \"\"}\n"
                     "{\"id\": \"r2\", \"Q2 b\": \"y\"}\n"),
               wide);
  EXPECT_EQ(Ids(w), (Strings{"r1/q1_a", "r2/q2_b"}));
}

}  // namespace
}  // namespace sift::ingest
