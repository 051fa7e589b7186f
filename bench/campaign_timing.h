// The timing half of bench/campaign_eval.cc: campaign detection on a
// synthetic corpus made from real texts.
#ifndef SIFT_BENCH_CAMPAIGN_TIMING_H_
#define SIFT_BENCH_CAMPAIGN_TIMING_H_

#include <string>
#include <vector>

#include "sift/ingest/campaigns.h"

namespace sift::bench {

// Times CampaignFinder::Add() and Find() on `n` responses made from `texts`
// (copies, a few words substituted, a sentence added, halves swapped, runs
// of several texts; seeded, so every run sees the same corpus) and prints
// the seconds, the campaigns found and the peak RSS against the targets.
// REQUIRES: `texts` is not empty.
void TimeSynthetic(const std::vector<std::string>& texts, long n,
                   const ingest::CampaignOptions& options);

}  // namespace sift::bench

#endif  // SIFT_BENCH_CAMPAIGN_TIMING_H_
