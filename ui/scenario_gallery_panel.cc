#include "scenario_gallery_panel.h"

#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace shardscape {

namespace {

// A card: a flat button whose size is its labels' (a plain QPushButton sizes to its text).
class GalleryCard : public QPushButton {
  public:
    using QPushButton::QPushButton;
    QSize sizeHint() const override {
        return layout() ? layout()->sizeHint() : QPushButton::sizeHint();
    }
    QSize minimumSizeHint() const override {
        return layout() ? layout()->minimumSize() : QPushButton::minimumSizeHint();
    }
    bool hasHeightForWidth() const override { return layout() && layout()->hasHeightForWidth(); }
    int heightForWidth(int width) const override {
        return layout() ? layout()->totalHeightForWidth(width) : QPushButton::heightForWidth(width);
    }
};

}  // namespace

ScenarioGalleryPanel::ScenarioGalleryPanel(QWidget* parent) : QWidget(parent) {
    setObjectName("scenarioGallery");
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* holder = new QWidget(scroll);
    auto* holderLayout = new QVBoxLayout(holder);
    grid_ = new QGridLayout;
    holderLayout->addLayout(grid_);
    empty_ = new QLabel(tr("No bundled scenarios were found next to this installation."), holder);
    empty_->setWordWrap(true);
    holderLayout->addWidget(empty_);
    holderLayout->addStretch(1);
    scroll->setWidget(holder);
    root->addWidget(scroll, 3);
    summary_ = new QPlainTextEdit(this);
    summary_->setObjectName("scenarioSummary");
    summary_->setReadOnly(true);
    summary_->setPlaceholderText(tr("Click a scenario to see what it runs."));
    root->addWidget(summary_, 2);
}

void ScenarioGalleryPanel::setBundledDirectory(const QString& bundledDirectory) {
    directory_ = bundledDirectory;
    loaded_ = false;
    if (isVisible()) load();
}

const std::vector<GalleryEntry>& ScenarioGalleryPanel::entries() {
    load();
    return entries_;
}

QList<QAbstractButton*> ScenarioGalleryPanel::cards() {
    load();
    return cards_;
}

void ScenarioGalleryPanel::showEvent(QShowEvent* event) {
    load();
    QWidget::showEvent(event);
}

void ScenarioGalleryPanel::load() {
    if (loaded_) return;
    loaded_ = true;
    for (QAbstractButton* card : cards_) delete card;
    cards_.clear();
    entries_ = scenarioGallery(directory_.toStdString());
    for (size_t i = 0; i < entries_.size(); ++i) {
        const GalleryEntry& entry = entries_[i];
        // A card: a flat button holding the name and the one-line description.
        auto* card = new GalleryCard(grid_->parentWidget());
        card->setObjectName("scenarioCard");
        card->setToolTip(
            QString::fromStdString(entry.description.empty() ? entry.summary : entry.description));
        auto* layout = new QVBoxLayout(card);
        auto* title =
            new QLabel("<b>" + QString::fromStdString(entry.title).toHtmlEscaped() + "</b>", card);
        auto* line =
            new QLabel(QString::fromStdString(entry.valid ? entry.oneLine : entry.summary), card);
        line->setWordWrap(true);
        for (QLabel* label : {title, line}) {
            label->setAttribute(Qt::WA_TransparentForMouseEvents);
            label->setMinimumWidth(40);  // wrap to the card, never widen it
            layout->addWidget(label);
        }
        QSizePolicy policy(QSizePolicy::Ignored, QSizePolicy::Minimum);
        policy.setHeightForWidth(true);
        card->setSizePolicy(policy);
        const int index = static_cast<int>(i);
        grid_->addWidget(card, index, 0);
        connect(card, &QPushButton::clicked, this, [this, index] { choose(index); });
        cards_.append(card);
    }
    empty_->setVisible(entries_.empty());
    summary_->clear();
}

QString ScenarioGalleryPanel::summaryText() const {
    return summary_->toPlainText();
}

void ScenarioGalleryPanel::choose(int index) {
    const GalleryEntry& entry = entries_.at(static_cast<size_t>(index));
    summary_->setPlainText(QString::fromStdString(
        entry.title + "\n\n" +
        (entry.description.empty() ? std::string() : entry.description + "\n\n") + entry.summary));
    if (!entry.valid) return;
    if (entry.modelScenario.empty())
        emit scenarioChosen(QString::fromStdString(entry.path));
    else
        emit modelScenarioChosen(QString::fromStdString(entry.path),
                                 QString::fromStdString(entry.modelScenario));
}

}  // namespace shardscape
