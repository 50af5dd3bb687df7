#include "merge/ordered_output.h"

namespace crmerge::merge {

namespace {
constexpr size_t kSpareBuffers = 2;
}  // namespace

OrderedOutput::Piece OrderedOutput::piece(uint64_t index) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string buffer;
  if (!spare_.empty()) {
    buffer = std::move(spare_.back());
    spare_.pop_back();
  }
  return Piece(*this, index, std::move(buffer));
}

void OrderedOutput::recycle(std::string buffer) {
  buffer.clear();
  if (spare_.size() < kSpareBuffers && buffer.capacity() > 0 && buffer.capacity() <= cap_)
    spare_.push_back(std::move(buffer));
}

OrderedOutput::Piece::~Piece() {
  if (o_ == nullptr) return;
  std::lock_guard<std::mutex> lock(o_->mu_);
  o_->recycle(std::move(held_));
}

Status OrderedOutput::wait_for_turn(std::unique_lock<std::mutex>& lock, uint64_t index) {
  turn_changed_.wait(lock, [&] { return abandoned_ || turn_ == index; });
  if (abandoned_) return Status::internal("the output was abandoned (another piece failed)");
  return Status::ok();
}

Status OrderedOutput::pass_turn(std::unique_lock<std::mutex>& lock) {
  for (;;) {
    ++turn_;
    auto next = ended_.find(turn_);
    if (next == ended_.end()) break;
    std::string bytes = std::move(next->second);
    ended_.erase(next);
    ended_bytes_ -= bytes.size();
    // Written outside the lock: no piece can write before this one, whose
    // turn it is (it ended: nobody else holds it).
    lock.unlock();
    Status s = out_.write(bytes);
    lock.lock();
    recycle(std::move(bytes));
    if (!s.is_ok()) return s;
  }
  turn_changed_.notify_all();
  return Status::ok();
}

Status OrderedOutput::Piece::write(std::string_view bytes) {
  if (!turn_ && o_->turn_.load() == index_) {  // its turn came: what it holds first
    turn_ = true;
    CRM_RETURN_IF_ERROR(o_->out_.write(held_));
    held_.clear();
  }
  if (turn_) return o_->out_.write(bytes);
  if (held_.size() + bytes.size() <= o_->cap_) {
    held_.append(bytes);
    return Status::ok();
  }
  {
    std::unique_lock<std::mutex> lock(o_->mu_);
    CRM_RETURN_IF_ERROR(o_->wait_for_turn(lock, index_));
  }
  turn_ = true;
  CRM_RETURN_IF_ERROR(o_->out_.write(held_));
  held_.clear();
  return o_->out_.write(bytes);
}

Status OrderedOutput::Piece::finish() {
  OrderedOutput& o = *o_;
  std::unique_lock<std::mutex> lock(o.mu_);
  if (!turn_ && o.turn_ != index_) {
    if (o.abandoned_) return Status::internal("the output was abandoned (another piece failed)");
    if (o.ended_bytes_ + held_.size() <= 2 * o.cap_) {  // left for its turn
      o.ended_bytes_ += held_.size();
      o.ended_.emplace(index_, std::move(held_));
      held_ = std::string();
      return Status::ok();
    }
    CRM_RETURN_IF_ERROR(o.wait_for_turn(lock, index_));
  }
  if (!turn_) {  // its turn came: what it holds first
    lock.unlock();
    CRM_RETURN_IF_ERROR(o.out_.write(held_));
    held_.clear();
    lock.lock();
  }
  turn_ = false;
  return o.pass_turn(lock);
}

void OrderedOutput::abandon() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    abandoned_ = true;
  }
  turn_changed_.notify_all();
}

}  // namespace crmerge::merge
