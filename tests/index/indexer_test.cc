// Tests for sift::index::IngestFiles() against a real Xapian database in a
// temporary directory, read back through the Searcher.
#include "sift/index/indexer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "indexer_fixture.h"
#include "sift/core/version.h"
#include "sift/index/searcher.h"
#include "test_util.h"

namespace sift::index {
namespace {

using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;

// Header line 1; a3 spans lines 4-5; a4 (line 6) is ragged; a5 repeats a1
// up to case.
constexpr char kLongCsv[] =
    "id,response,district\n"
    "a1,Hello world,St Albans\n"
    "a2,,Watford\n"
    "a3,\"Line one\nline two\",Dacorum\n"
    "a4,x,y,z,extra\n"
    "a5,HELLO WORLD,Watford\n";

TEST(IndexerTest, ReportsCountsAndRejections) {
  TempDir dir;
  std::string csv = WriteFile(dir.file("long.csv"), kLongCsv);
  auto report = IngestFiles({csv}, Options(dir.file("db")));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows_read, 5);
  EXPECT_EQ(report->respondents, 5);
  EXPECT_EQ(report->indexed, 3);
  EXPECT_EQ(report->duplicates, 1);
  EXPECT_EQ(report->rows_read, report->indexed + static_cast<std::int64_t>(
                                                     report->rejected.size()));
  ASSERT_EQ(report->rejected.size(), 2u);
  EXPECT_EQ(report->rejected[0].file, csv);
  EXPECT_EQ(report->rejected[0].line, 3);
  EXPECT_EQ(report->rejected[0].reason, "empty text");
  EXPECT_EQ(report->rejected[1].file, csv);
  EXPECT_EQ(report->rejected[1].line, 6);
  EXPECT_EQ(report->rejected[1].reason, "row has 5 fields, header has 3");
  ASSERT_EQ(report->files.size(), 1u);
  EXPECT_EQ(report->files[0].path, csv);
  EXPECT_EQ(report->files[0].rows_read, 5);
  EXPECT_EQ(report->files[0].indexed, 3);
  EXPECT_EQ(report->files[0].rejected, 2);
  EXPECT_EQ(report->database_documents, 3);
  EXPECT_TRUE(report->redaction);
  EXPECT_EQ(report->db_path, dir.file("db"));

  Searcher s = OpenDb(dir.file("db"));
  EXPECT_EQ(s.document_count(), 3);
  SearchHit a3 = OnlyHit(s, "id:a3");
  EXPECT_EQ(a3.response.display_text, "Line one\nline two");
  EXPECT_EQ(a3.response.source_file, csv);
  EXPECT_EQ(a3.response.source_line, 4);
  EXPECT_EQ(a3.response.district, "Dacorum");
  EXPECT_EQ(Count(s, "id:a2"), 0);
  EXPECT_EQ(Count(s, "id:a4"), 0);
}

TEST(IndexerTest, MarksLaterExactDuplicateAndStillIndexesIt) {
  TempDir dir;
  std::string csv = WriteFile(dir.file("long.csv"), kLongCsv);
  ASSERT_TRUE(IngestFiles({csv}, Options(dir.file("db"))).ok());
  Searcher s = OpenDb(dir.file("db"));
  EXPECT_EQ(OnlyHit(s, "id:a1").duplicate_of, "");
  EXPECT_EQ(OnlyHit(s, "id:a5").duplicate_of, "a1");
  EXPECT_EQ(OnlyHit(s, "is:duplicate").response.id, "a5");
  EXPECT_EQ(Count(s, "hello"), 2);
}

TEST(IndexerTest, RespondentRepeatingItselfIsNotADuplicate) {
  TempDir dir;
  std::string csv = WriteFile(dir.file("wide.csv"),
                              "id,Q1,Q2\n"
                              "p1,See above,See above\n"
                              "p2,See above,Roads\n");
  IngestOptions o = Options(dir.file("db"));
  o.read.mapping.text_columns = {"Q1", "Q2"};
  auto report = IngestFiles({csv}, o);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->duplicates, 1);
  Searcher s = OpenDb(dir.file("db"));
  EXPECT_EQ(OnlyHit(s, "id:p1/q2").duplicate_of, "");
  EXPECT_EQ(OnlyHit(s, "id:p2/q1").duplicate_of, "p1/q1");
  // Re-ingested, the database's original still wins and p1 stays original.
  report = IngestFiles({csv}, o);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->duplicates, 1);
  Searcher again = OpenDb(dir.file("db"));
  EXPECT_EQ(OnlyHit(again, "id:p1/q2").duplicate_of, "");
}

TEST(IndexerTest, RepeatedIdInOneRunIsRejectedNotOverwritten) {
  TempDir dir;
  std::string a =
      WriteFile(dir.file("a.csv"), "id,text\nx1,first\nx2,second\nx1,third\n");
  std::string b = WriteFile(dir.file("b.csv"), "id,text\nx2,fourth\n");
  auto report = IngestFiles({a, b}, Options(dir.file("db")));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows_read, 4);
  EXPECT_EQ(report->indexed, 2);
  ASSERT_EQ(report->rejected.size(), 2u);
  EXPECT_EQ(report->rejected[0].line, 4);
  EXPECT_EQ(report->rejected[0].reason,
            "id 'x1' is already used by " + a +
                ":2 (ids must be unique within a run)");
  EXPECT_EQ(report->rejected[1].file, b);
  EXPECT_EQ(report->rejected[1].reason,
            "id 'x2' is already used by " + a +
                ":3 (ids must be unique within a run)");
  EXPECT_EQ(report->files[0].indexed, 2);
  EXPECT_EQ(report->files[0].rejected, 1);
  EXPECT_EQ(report->files[1].indexed, 0);
  EXPECT_EQ(report->files[1].rejected, 1);
  Searcher s = OpenDb(dir.file("db"));
  EXPECT_EQ(Count(s, "first"), 1);
  EXPECT_EQ(Count(s, "third"), 0);
}

TEST(IndexerTest, ReingestingSameFileUpdatesInPlace) {
  TempDir dir;
  std::string csv = WriteFile(dir.file("long.csv"), kLongCsv);
  auto first = IngestFiles({csv}, Options(dir.file("db")));
  auto second = IngestFiles({csv}, Options(dir.file("db")));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->rows_read, first->rows_read);
  EXPECT_EQ(second->indexed, first->indexed);
  EXPECT_EQ(second->duplicates, first->duplicates);
  EXPECT_EQ(second->rejected.size(), first->rejected.size());
  EXPECT_EQ(second->database_documents, 3);
  Searcher s = OpenDb(dir.file("db"));
  EXPECT_EQ(s.document_count(), 3);
  EXPECT_EQ(s.metadata("sift.responses"), "3");
  EXPECT_EQ(s.metadata("sift.duplicates"), "1");
  EXPECT_EQ(OnlyHit(s, "id:a1").duplicate_of, "");
  EXPECT_EQ(OnlyHit(s, "id:a5").duplicate_of, "a1");
}

TEST(IndexerTest, FindsDuplicatesAcrossRunsAndFiles) {
  TempDir dir;
  std::string f1 =
      WriteFile(dir.file("one.csv"), "id,response\no1,Save our green belt\n");
  std::string f2 = WriteFile(dir.file("two.csv"),
                             "id,response\no2,save our GREEN belt\n"
                             "o3,Something else\n");
  std::string db = dir.file("db");
  auto run1 = IngestFiles({f1}, Options(db));
  ASSERT_TRUE(run1.ok()) << run1.status().ToString();
  EXPECT_EQ(run1->duplicates, 0);
  auto run2 = IngestFiles({f2}, Options(db));
  ASSERT_TRUE(run2.ok()) << run2.status().ToString();
  EXPECT_EQ(run2->duplicates, 1);
  EXPECT_EQ(run2->database_documents, 3);
  // Both files again, the later one first: o1 stays the original.
  auto run3 = IngestFiles({f2, f1}, Options(db));
  ASSERT_TRUE(run3.ok()) << run3.status().ToString();
  EXPECT_EQ(run3->duplicates, 1);
  Searcher s = OpenDb(db);
  EXPECT_EQ(OnlyHit(s, "id:o1").duplicate_of, "");
  EXPECT_EQ(OnlyHit(s, "id:o2").duplicate_of, "o1");
  EXPECT_EQ(OnlyHit(s, "is:duplicate").response.id, "o2");
  EXPECT_EQ(s.metadata("sift.duplicates"), "1");

  // One run over both files into a fresh database.
  auto fresh = IngestFiles({f1, f2}, Options(dir.file("db2")));
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_EQ(fresh->duplicates, 1);
  EXPECT_EQ(fresh->indexed, 3);
  Searcher s2 = OpenDb(dir.file("db2"));
  EXPECT_EQ(OnlyHit(s2, "id:o2").duplicate_of, "o1");
}

TEST(IndexerTest, FailedRunLeavesExistingDatabaseUnchanged) {
  TempDir dir;
  std::string db = dir.file("db");
  std::string good = WriteFile(dir.file("long.csv"), kLongCsv);
  ASSERT_TRUE(IngestFiles({good}, Options(db)).ok());
  std::string extra =
      WriteFile(dir.file("extra.csv"), "id,response\nn1,New response\n");
  std::string missing = dir.file("missing.csv");
  auto r1 = IngestFiles({extra, missing}, Options(db));
  ASSERT_FALSE(r1.ok());
  EXPECT_EQ(r1.status().code(), Status::Code::kNotFound);
  EXPECT_NE(r1.status().message().find(missing), std::string::npos)
      << r1.status().message();

  std::string no_text =
      WriteFile(dir.file("notext.csv"), "id,district\nz1,Watford\n");
  auto r2 = IngestFiles({extra, no_text}, Options(db));
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(r2.status().message().find("no text column"), std::string::npos)
      << r2.status().message();
  EXPECT_NE(r2.status().message().find(no_text), std::string::npos);

  Searcher s = OpenDb(db);
  EXPECT_EQ(s.document_count(), 3);
  EXPECT_EQ(s.metadata("sift.responses"), "3");
  EXPECT_EQ(Count(s, "id:n1"), 0);
}

TEST(IndexerTest, FailedRunOnFreshPathLeavesNoDirectory) {
  TempDir dir;
  std::string db = dir.file("db");
  std::string good = WriteFile(dir.file("long.csv"), kLongCsv);
  auto r = IngestFiles({good, dir.file("missing.csv")}, Options(db));
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(std::filesystem::exists(db));
  auto open = Searcher::Open(db);
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.status().code(), Status::Code::kNotFound);
}

TEST(IndexerTest, RefusesToMixRedactionSettings) {
  TempDir dir;
  std::string db = dir.file("db");
  std::string csv = WriteFile(dir.file("long.csv"), kLongCsv);
  ASSERT_TRUE(IngestFiles({csv}, Options(db, /*redact=*/true)).ok());
  auto r = IngestFiles({csv}, Options(db, /*redact=*/false));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("redaction on"), std::string::npos)
      << r.status().message();
  EXPECT_TRUE(std::filesystem::exists(db));
  Searcher s = OpenDb(db);
  EXPECT_EQ(s.document_count(), 3);
  EXPECT_EQ(s.metadata("sift.redaction"), "on");

  std::string db_off = dir.file("db_off");
  ASSERT_TRUE(IngestFiles({csv}, Options(db_off, false)).ok());
  EXPECT_FALSE(IngestFiles({csv}, Options(db_off, true)).ok());
  EXPECT_EQ(OpenDb(db_off).metadata("sift.redaction"), "off");
}

TEST(IndexerTest, WritesMetadata) {
  TempDir dir;
  std::string db = dir.file("db");
  std::string csv = WriteFile(dir.file("long.csv"), kLongCsv);
  ASSERT_TRUE(IngestFiles({csv}, Options(db)).ok());
  Searcher s = OpenDb(db);
  EXPECT_EQ(s.metadata("sift.version"), std::string(Version()));
  EXPECT_EQ(s.metadata("sift.redaction"), "on");
  EXPECT_EQ(s.metadata("sift.responses"), "3");
  EXPECT_EQ(s.metadata("sift.duplicates"), "1");
  std::string last = s.metadata("sift.last_ingest");
  EXPECT_NE(last.find("\"rows_read\":5"), std::string::npos) << last;
  EXPECT_NE(last.find("\"rejected\":2"), std::string::npos) << last;
  EXPECT_EQ(s.metadata("no.such.key"), "");
}

TEST(IndexerTest, CountsRedactionsAndStoresPlaceholders) {
  TempDir dir;
  std::string csv =
      WriteFile(dir.file("pii.csv"),
                "id,response\np1,Email jo@example.com or ring 07700 900123\n");
  auto report = IngestFiles({csv}, Options(dir.file("db")));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(
      report->redactions.by_kind[static_cast<int>(ingest::PiiKind::kEmail)], 1);
  EXPECT_EQ(
      report->redactions.by_kind[static_cast<int>(ingest::PiiKind::kPhone)], 1);
  EXPECT_EQ(report->redactions.total(), 2);
  Searcher s = OpenDb(dir.file("db"));
  EXPECT_EQ(OnlyHit(s, "id:p1").response.display_text,
            "Email [EMAIL] or ring [PHONE]");
}

TEST(IndexerTest, IndexesWideExportOneResponsePerAnswer) {
  TempDir dir;
  std::string csv = WriteFile(dir.file("wide.csv"), testing::kWideCsv);
  IngestOptions o = Options(dir.file("db"));
  o.read.mapping.text_columns = {"Q*"};
  auto report = IngestFiles({csv}, o);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows_read, 4);
  EXPECT_EQ(report->respondents, 3);
  EXPECT_EQ(report->indexed, 3);
  ASSERT_EQ(report->rejected.size(), 1u);
  EXPECT_EQ(report->rejected[0].line, 4);
  EXPECT_EQ(report->rejected[0].reason,
            "no answer in any of the 2 text columns");
  Searcher s = OpenDb(dir.file("db"));
  EXPECT_EQ(s.document_count(), 3);
  SearchHit q1 = OnlyHit(s, "id:W1/q1_roads");
  EXPECT_EQ(q1.response.display_text, "Fix potholes");
  EXPECT_EQ(q1.response.question, "Q1. Roads?");
  EXPECT_EQ(q1.response.respondent, "W1");
  EXPECT_EQ(q1.response.district, "St Albans");
  EXPECT_EQ(OnlyHit(s, "id:W2/q2_schools").response.display_text,
            "Apprenticeships");
  EXPECT_EQ(Count(s, "respondent:W1"), 2);
}

TEST(IndexerTest, ProgressCallbackReportsEachFileDone) {
  TempDir dir;
  std::string f1 = WriteFile(dir.file("long.csv"), kLongCsv);
  std::string f2 = WriteFile(dir.file("two.csv"), "id,response\nb1,Other\n");
  std::vector<IngestProgress> calls;
  IngestOptions o = Options(dir.file("db"));
  o.progress_every = 2;
  o.progress = [&calls](const IngestProgress& p) { calls.push_back(p); };
  ASSERT_TRUE(IngestFiles({f1, f2}, o).ok());
  std::vector<IngestProgress> done;
  for (const auto& p : calls) {
    if (p.file_done) {
      done.push_back(p);
    } else {
      EXPECT_EQ(p.rows_read % 2, 0) << p.rows_read;
    }
  }
  ASSERT_EQ(done.size(), 2u);
  EXPECT_EQ(done[0].file, f1);
  EXPECT_EQ(done[0].rows_read, 5);
  EXPECT_EQ(done[0].indexed, 3);
  EXPECT_EQ(done[0].rejected, 2);
  EXPECT_EQ(done[1].file, f2);
  EXPECT_EQ(done[1].rows_read, 6);
  EXPECT_EQ(done[1].indexed, 4);
  EXPECT_EQ(calls.back().file_done, true);
  EXPECT_EQ(calls.size(), 5u);  // rows 2, 4, 6 and two file ends
}

TEST(IndexerTest, ProgressEveryZeroReportsOnlyFileEnds) {
  TempDir dir;
  std::string f1 = WriteFile(dir.file("long.csv"), kLongCsv);
  int calls = 0;
  IngestOptions o = Options(dir.file("db"));
  o.progress_every = 0;
  o.progress = [&calls](const IngestProgress& p) {
    ++calls;
    EXPECT_TRUE(p.file_done);
  };
  auto r = IngestFiles({f1}, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(calls, 1);
}

TEST(IndexerTest, RejectsMissingArguments) {
  TempDir dir;
  auto no_files = IngestFiles({}, Options(dir.file("db")));
  ASSERT_FALSE(no_files.ok());
  EXPECT_EQ(no_files.status().code(), Status::Code::kInvalidArgument);
  std::string csv = WriteFile(dir.file("long.csv"), kLongCsv);
  auto no_db = IngestFiles({csv}, Options(""));
  ASSERT_FALSE(no_db.ok());
  EXPECT_EQ(no_db.status().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace sift::index
