// The converter's test fixture (tests/fixtures/wink_tiny.json: 30 entries
// in the npm package's JSON layout), shared by the word-vector tests.
#ifndef SIFT_TESTS_NLP_WORD_VECTORS_FIXTURE_H_
#define SIFT_TESTS_NLP_WORD_VECTORS_FIXTURE_H_

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace sift::nlp {

inline constexpr char kFixture[] =
    SIFT_SOURCE_DIR "/tests/fixtures/wink_tiny.json";

inline nlohmann::json Fixture() {
  return nlohmann::json::parse(::sift::testing::ReadFile(kFixture));
}

}  // namespace sift::nlp

#endif  // SIFT_TESTS_NLP_WORD_VECTORS_FIXTURE_H_
