// Exact-duplicate detection. Two responses from different respondents are
// duplicates when their analysis texts are equal after case folding; nothing
// is ever dropped: the later one is kept, indexed and marked as a duplicate
// of the first. One respondent repeating itself ("see above" under several
// questions) is not a duplicate.
//
// Thread safety: ContentKey() is a pure function; a DuplicateTracker is used
// by one thread at a time.
#ifndef SIFT_INGEST_DEDUP_H_
#define SIFT_INGEST_DEDUP_H_

#include <string>
#include <string_view>
#include <unordered_map>

namespace sift::ingest {

// 32 lower-case hex digits identifying `analysis_text` up to case: a 128-bit
// FNV-1a hash of its case-folded form. Stable across runs and machines.
std::string ContentKey(std::string_view analysis_text);

// Remembers the first response seen for each content key.
class DuplicateTracker {
 public:
  // Returns the id of the first response observed with `key` when it came
  // from another respondent, else "". The first response for a key is
  // remembered. Observing the same id again returns "" (a re-run of a
  // response is not its own duplicate).
  std::string Observe(const std::string& key, const std::string& id,
                      const std::string& respondent);

  std::size_t size() const { return first_.size(); }

 private:
  struct First {
    std::string id;
    std::string respondent;
  };
  std::unordered_map<std::string, First> first_;
};

}  // namespace sift::ingest

#endif  // SIFT_INGEST_DEDUP_H_
