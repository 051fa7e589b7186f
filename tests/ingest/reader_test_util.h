// Helpers shared by the RecordReader test suites.
#ifndef SIFT_TESTS_INGEST_READER_TEST_UTIL_H_
#define SIFT_TESTS_INGEST_READER_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <vector>

#include "sift/ingest/record_reader.h"

namespace sift::testing {

// Reads every item up to (not including) the end; fails the test if the
// reader errs or never ends.
inline std::vector<ingest::ReadItem> ReadAll(ingest::RecordReader* reader) {
  std::vector<ingest::ReadItem> items;
  for (int guard = 0; guard < 100000; ++guard) {
    ingest::ReadItem item;
    Status status = reader->Next(&item);
    EXPECT_TRUE(status.ok()) << status.ToString();
    if (!status.ok() || item.kind == ingest::ReadItem::Kind::kEnd) {
      return items;
    }
    items.push_back(std::move(item));
  }
  ADD_FAILURE() << "reader never ended";
  return items;
}

}  // namespace sift::testing

#endif  // SIFT_TESTS_INGEST_READER_TEST_UTIL_H_
