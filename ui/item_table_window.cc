// ItemTableModel's windowed tables (see item_table_model.h): a row for every item, the blocks
// of rows the view shows fetched off the GUI thread, a background count through the table
// that learns where each block starts, and the last rows read from the end of the key space.
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrent>
#include <algorithm>
#include <chrono>
#include <climits>

#include "item_table_model.h"
#include "table_list_model.h"

namespace shardscape {

namespace {

// Fetched blocks kept at most (each blockSize_ rows): the rows around the ones shown.
constexpr size_t kBlocksKept = 64;
// Blocks asked for but waiting for their start key: only those near the last one asked for
// (the view has moved on from the others).
constexpr int kWaitingSpan = 8;
// One step of the background count reads for about this long, then hands its keys over.
constexpr auto kWalkStep = std::chrono::milliseconds(40);
// Items per segment when reading the last rows from the end of the key space, and the most
// segments read for them (should the statistics be far off, the background count places
// the last rows instead).
constexpr int64_t kItemsPerTailSegment = 64;
constexpr int kTailSegmentsRead = 4096;

}  // namespace

struct ItemTableModel::BlockRead {
    std::vector<Item> items;
    std::optional<Item> lastKey;  // the key after which the next block starts
    QString error;
};

struct ItemTableModel::WalkState {
    // One step's findings: blocks whose start key it learnt, where it stopped.
    std::vector<std::pair<int, Item>> anchors;
    int64_t counted = 0;       // items counted from the start of the table
    std::optional<Item> next;  // where the next step starts; none when the count is done
    QString error;
};

int ItemTableModel::blockCount() const {
    return total_ == 0 ? 0 : (total_ - 1) / blockSize_ + 1;
}

int ItemTableModel::blockRows(int block) const {
    return std::min(blockSize_, total_ - block * blockSize_);
}

bool ItemTableModel::anchorKnown(int block) const {
    return block >= 0 && static_cast<size_t>(block) < anchorKnown_.size() &&
           anchorKnown_[static_cast<size_t>(block)];
}

void ItemTableModel::setAnchor(int block, Item key) {
    if (block < 0) return;
    const size_t at = static_cast<size_t>(block);
    if (at >= anchors_.size()) {
        anchors_.resize(at + 1);
        anchorKnown_.resize(at + 1, 0);
    }
    anchors_[at] = std::move(key);
    anchorKnown_[at] = 1;
}

void ItemTableModel::stopWindow() {
    windowed_ = false;
    total_ = 0;
    anchors_.clear();
    anchorKnown_.clear();
    blocks_.clear();
    inFlight_.clear();
    waiting_.clear();
    asked_.clear();
    tail_.clear();
    tailLoading_ = false;
    walk_.reset();
    walkDone_ = false;
}

void ItemTableModel::startWindow(qint64 rows) {
    windowed_ = true;
    blockSize_ = std::max(1, pageSize_);
    total_ = static_cast<int>(std::min<qint64>(rows, INT_MAX));
    anchors_.assign(static_cast<size_t>(blockCount()), std::nullopt);
    anchorKnown_.assign(static_cast<size_t>(blockCount()), 0);
    if (!anchorKnown_.empty()) anchorKnown_[0] = 1;  // block 0 starts at the start
    walk_ = std::make_shared<WalkState>();

    const std::shared_ptr<Backend> backend = tables_->backend();
    ItemPageRequest base;
    base.table = table_;
    base.index = index_;
    const quint64 generation = generation_;

    // The last rows (those of the last two blocks), from the end of the key space: Scan's
    // segments in reverse order until they hold enough items.
    const int lastBlocks = std::max(0, blockCount() - 2);
    const int64_t wanted = total_ - static_cast<int64_t>(lastBlocks) * blockSize_;
    const int segments =
        static_cast<int>(std::clamp<int64_t>(total_ / kItemsPerTailSegment, 1, 1000000));
    tailLoading_ = true;
    auto* tail = new QFutureWatcher<Result<std::vector<Item>>>(this);
    connect(tail, &QFutureWatcher<Result<std::vector<Item>>>::finished, this,
            [this, tail, generation] {
                Result<std::vector<Item>> items = tail->result();
                tail->deleteLater();
                if (generation == generation_ && windowed_) tailArrived(std::move(items));
            });
    tail->setFuture(
        QtConcurrent::run([backend, base, wanted, segments]() -> Result<std::vector<Item>> {
            std::vector<Item> items;
            for (int segment = segments - 1;
                 segment >= 0 && segment >= segments - kTailSegmentsRead; --segment) {
                std::vector<Item> part;
                ItemPageRequest request = base;
                request.segment = segment;
                request.totalSegments = segments;
                request.limit = 1000;
                do {
                    auto page = backend->scanPage(request);
                    if (!page) return page.error();
                    for (auto& item : page->items) part.push_back(std::move(item));
                    request.exclusiveStartKey = std::move(page->lastEvaluatedKey);
                } while (request.exclusiveStartKey);
                part.insert(part.end(), std::make_move_iterator(items.begin()),
                            std::make_move_iterator(items.end()));
                items = std::move(part);
                if (static_cast<int64_t>(items.size()) >= wanted) break;
            }
            if (static_cast<int64_t>(items.size()) > wanted)
                items.erase(items.begin(), items.end() - wanted);
            return items;
        }));

    walkFrom(std::nullopt, 0);
}

void ItemTableModel::walkFrom(std::optional<Item> from, int64_t counted) {
    const std::shared_ptr<Backend> backend = tables_->backend();
    ItemPageRequest request;
    request.table = table_;
    request.index = index_;
    request.countOnly = true;
    request.exclusiveStartKey = std::move(from);
    const int blockSize = blockSize_;
    const quint64 generation = generation_;
    auto* watcher = new QFutureWatcher<WalkState>(this);
    connect(watcher, &QFutureWatcher<WalkState>::finished, this, [this, watcher, generation] {
        WalkState found = watcher->result();
        watcher->deleteLater();
        if (generation != generation_ || !windowed_ || !walk_) return;
        *walk_ = std::move(found);
        collectWalk();
        if (walk_ && walk_->next && walk_->error.isEmpty()) walkFrom(walk_->next, walk_->counted);
    });
    // Keys only, for about kWalkStep; then the keys found go to the GUI thread, which starts
    // the next step.
    watcher->setFuture(QtConcurrent::run([backend, request, blockSize, counted]() mutable {
        WalkState state;
        state.counted = counted;
        const auto until = std::chrono::steady_clock::now() + kWalkStep;
        do {
            // Pages end on block boundaries, so each page's last key starts a block.
            request.limit = blockSize - static_cast<int>(state.counted % blockSize);
            auto page = backend->scanPage(request);
            if (!page) {
                state.error =
                    QString::fromStdString(page.error().name() + ": " + page.error().message);
                return state;
            }
            state.counted += page->scannedCount;
            request.exclusiveStartKey = std::move(page->lastEvaluatedKey);
            if (request.exclusiveStartKey && state.counted % blockSize == 0)
                state.anchors.emplace_back(static_cast<int>(state.counted / blockSize),
                                           *request.exclusiveStartKey);
        } while (request.exclusiveStartKey && std::chrono::steady_clock::now() < until);
        state.next = std::move(request.exclusiveStartKey);
        return state;
    }));
}

void ItemTableModel::collectWalk() {
    WalkState& walk = *walk_;
    if (!walk.error.isEmpty()) {
        showError(walk.error);
        return;
    }
    // Also past the rows shown: should the statistics have been short, the count decides.
    for (auto& [block, key] : walk.anchors) setAnchor(block, std::move(key));
    walk.anchors.clear();
    if (!walk.next) {
        walkDone_ = true;
        // The statistics were off (a write or a bulk load meanwhile): the count decides.
        const int counted = static_cast<int>(std::min<int64_t>(walk.counted, INT_MAX));
        if (counted != total_) changeRowCount(counted);
    }
    // Blocks that were waiting for their start key.
    std::vector<int> ready;
    for (int block : waiting_)
        if (block < blockCount() && anchorKnown(block)) ready.push_back(block);
    for (int block : ready) {
        waiting_.erase(block);
        fetchBlock(block);
    }
    emit pageLoaded();
}

void ItemTableModel::changeRowCount(int rows) {
    beginResetModel();
    total_ = rows;
    blocks_.clear();
    tail_.clear();  // its rows were placed from the old count
    waiting_.clear();
    endResetModel();
}

void ItemTableModel::askForBlock(int block) const {
    asked_.insert(block);
    if (serveScheduled_) return;
    serveScheduled_ = true;
    auto* self = const_cast<ItemTableModel*>(this);
    QMetaObject::invokeMethod(
        self, [self] { self->serveAskedBlocks(); }, Qt::QueuedConnection);
}

void ItemTableModel::serveAskedBlocks() {
    serveScheduled_ = false;
    if (!windowed_) {
        asked_.clear();
        return;
    }
    const int tailStart = total_ - static_cast<int>(tail_.size());
    int latest = -1;
    for (int block : asked_) {
        if (block >= blockCount() || blocks_.count(block) || inFlight_.count(block)) continue;
        if (block * blockSize_ >= tailStart) continue;  // the last rows show it
        latest = block;
        if (anchorKnown(block))
            fetchBlock(block);
        else
            waiting_.insert(block);
    }
    asked_.clear();
    if (latest >= 0)
        for (auto it = waiting_.begin(); it != waiting_.end();)
            it = std::abs(*it - latest) > kWaitingSpan ? waiting_.erase(it) : std::next(it);
    emit pageLoaded();
}

void ItemTableModel::fetchBlock(int block) {
    if (block >= blockCount() || !anchorKnown(block) || inFlight_.count(block) ||
        blocks_.count(block))
        return;
    inFlight_.insert(block);
    const std::shared_ptr<Backend> backend = tables_->backend();
    ItemPageRequest request;
    request.table = table_;
    request.index = index_;
    request.exclusiveStartKey = anchors_[static_cast<size_t>(block)];
    const int wanted = blockRows(block);
    const quint64 generation = generation_;
    auto* watcher = new QFutureWatcher<BlockRead>(this);
    connect(watcher, &QFutureWatcher<BlockRead>::finished, this,
            [this, watcher, generation, block] {
                BlockRead read = watcher->result();
                watcher->deleteLater();
                if (generation != generation_ || !windowed_) return;
                blockArrived(block, std::move(read));
            });
    watcher->setFuture(QtConcurrent::run(
        [backend, request, wanted] { return readBlock(*backend, request, wanted); }));
}

void ItemTableModel::fetchFirstBlockNow() {
    if (blockCount() == 0) return;
    ItemPageRequest request;
    request.table = table_;
    request.index = index_;
    blockArrived(0, readBlock(*tables_->backend(), request, blockRows(0)));
}

ItemTableModel::BlockRead ItemTableModel::readBlock(Backend& backend, ItemPageRequest request,
                                                    int wanted) {
    BlockRead read;
    // A page may stop short of the limit (1 MB): read on until the block is full.
    do {
        request.limit = wanted - static_cast<int>(read.items.size());
        auto page = backend.scanPage(request);
        if (!page) {
            read.error = QString::fromStdString(page.error().name() + ": " + page.error().message);
            break;
        }
        for (auto& item : page->items) read.items.push_back(std::move(item));
        if (!page->itemError.empty()) read.error = QString::fromStdString(page->itemError);
        request.exclusiveStartKey = std::move(page->lastEvaluatedKey);
    } while (request.exclusiveStartKey && static_cast<int>(read.items.size()) < wanted);
    read.lastKey = std::move(request.exclusiveStartKey);
    return read;
}

void ItemTableModel::blockArrived(int block, BlockRead read) {
    inFlight_.erase(block);
    if (!read.error.isEmpty()) showError(read.error);
    if (block >= blockCount()) return;  // the count found fewer rows meanwhile
    scanned_ += static_cast<qint64>(read.items.size());
    const int next = block + 1;
    if (next < blockCount() && !anchorKnown(next) && read.lastKey &&
        static_cast<int>(read.items.size()) == blockRows(block)) {
        setAnchor(next, *read.lastKey);
        if (waiting_.erase(next)) fetchBlock(next);
    }
    addColumnsFor(read.items);
    blocks_[block] = std::move(read.items);
    // Keep the blocks nearest this one.
    while (blocks_.size() > kBlocksKept) {
        auto farthest = blocks_.begin();
        if (std::abs(std::prev(blocks_.end())->first - block) > std::abs(farthest->first - block))
            farthest = std::prev(blocks_.end());
        blocks_.erase(farthest);
    }
    const int first = block * blockSize_;
    emit dataChanged(index(first, 0),
                     index(first + blockRows(block) - 1, std::max(0, columnCount() - 1)));
    emit pageLoaded();
}

void ItemTableModel::tailArrived(Result<std::vector<Item>> items) {
    tailLoading_ = false;
    if (!items) {
        showError(QString::fromStdString(items.error().name() + ": " + items.error().message));
        return;
    }
    addColumnsFor(*items);
    if (static_cast<int>(items->size()) > total_) items->resize(static_cast<size_t>(total_));
    tail_ = std::move(items).value();
    if (!tail_.empty())
        emit dataChanged(index(total_ - static_cast<int>(tail_.size()), 0),
                         index(total_ - 1, std::max(0, columnCount() - 1)));
    emit pageLoaded();
}

void ItemTableModel::showError(const QString& message) {
    error_ = message;
    emit failed(error_);
}

}  // namespace shardscape
