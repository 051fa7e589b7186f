// Internal: a bounded hand-off of built documents from the thread that reads
// and builds them to the thread that writes them to Xapian.
#ifndef SIFT_INDEX_SRC_DOCUMENT_QUEUE_H_
#define SIFT_INDEX_SRC_DOCUMENT_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

#include "document_builder.h"

namespace sift::index {

// One producer, one consumer. Thread-safe.
class DocumentQueue {
 public:
  explicit DocumentQueue(std::size_t capacity) : capacity_(capacity) {}

  // Producer: waits while full. Returns false, dropping `doc`, once the
  // consumer has stopped.
  bool Push(BuiltDocument doc) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock,
                   [this] { return stopped_ || items_.size() < capacity_; });
    if (stopped_) return false;
    items_.push_back(std::move(doc));
    not_empty_.notify_one();
    return true;
  }

  // Producer: no more documents will come.
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_one();
  }

  // Consumer: waits for a document. Returns false once the producer has
  // closed the queue and it is empty.
  bool Pop(BuiltDocument* doc) {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [this] { return closed_ || !items_.empty(); });
    if (items_.empty()) return false;
    *doc = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return true;
  }

  // Consumer: gives up; pending and later documents are dropped.
  void Stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    items_.clear();
    not_full_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<BuiltDocument> items_;
  std::size_t capacity_;
  bool closed_ = false;
  bool stopped_ = false;
};

}  // namespace sift::index

#endif  // SIFT_INDEX_SRC_DOCUMENT_QUEUE_H_
