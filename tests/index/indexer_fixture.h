// Helpers shared by the indexer tests: ingest options for a database path
// and queries against the result through the Searcher.
#ifndef SIFT_TESTS_INDEX_INDEXER_FIXTURE_H_
#define SIFT_TESTS_INDEX_INDEXER_FIXTURE_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>

#include "sift/index/indexer.h"
#include "sift/index/searcher.h"

namespace sift::index {

inline IngestOptions Options(const std::string& db, bool redact = true) {
  IngestOptions o;
  o.db_path = db;
  o.read.redact = redact;
  return o;
}

inline Searcher OpenDb(const std::string& db) {
  auto s = Searcher::Open(db);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return std::move(s.value());
}

// The one hit for `query`; fails the test unless exactly one matches.
inline SearchHit OnlyHit(Searcher& s, const std::string& query) {
  SearchRequest req;
  req.query = query;
  auto r = s.Search(req);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok() || r->total != 1 || r->hits.size() != 1) {
    ADD_FAILURE() << query << ": expected exactly one hit";
    return {};
  }
  return r->hits[0];
}

inline std::int64_t Count(Searcher& s, const std::string& query) {
  SearchRequest req;
  req.query = query;
  auto r = s.Search(req);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r->total : -1;
}

}  // namespace sift::index

#endif  // SIFT_TESTS_INDEX_INDEXER_FIXTURE_H_
