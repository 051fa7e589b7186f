// The bundled sector rule table (models/sectors.tsv), loaded once for the
// sector mapper tests.
#ifndef SIFT_TESTS_INGEST_SECTORS_FIXTURE_H_
#define SIFT_TESTS_INGEST_SECTORS_FIXTURE_H_

#include <gtest/gtest.h>

#include <utility>

#include "sift/ingest/sectors.h"

namespace sift::ingest {

inline constexpr char kTablePath[] = SIFT_SOURCE_DIR "/models/sectors.tsv";

inline const SectorMapper& RealTable() {
  static const SectorMapper* mapper = [] {
    auto loaded = SectorMapper::Load(kTablePath);
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new SectorMapper(std::move(loaded).value());
  }();
  return *mapper;
}

}  // namespace sift::ingest

#endif  // SIFT_TESTS_INGEST_SECTORS_FIXTURE_H_
