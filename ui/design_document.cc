#include "design_document.h"

#include <QUndoStack>

#include "model/model_file.h"

namespace shardscape {

namespace {
class ModelEditCommand : public QUndoCommand {
  public:
    ModelEditCommand(DesignDocument* document, const QString& text, Model before, Model after)
        : QUndoCommand(text),
          document_(document),
          before_(std::move(before)),
          after_(std::move(after)) {}
    void undo() override { document_->setModelValue(before_); }
    void redo() override { document_->setModelValue(after_); }

  private:
    DesignDocument* document_;
    Model before_;
    Model after_;
};
}  // namespace

DesignDocument::DesignDocument(QObject* parent) : QObject(parent), undo_(new QUndoStack(this)) {
    connect(undo_, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
}

bool DesignDocument::isModified() const {
    return !undo_->isClean();
}

void DesignDocument::reset(Model model, const QString& path) {
    const bool wasModified = isModified();
    undo_->clear();
    model_ = std::move(model);
    path_ = path;
    emit filePathChanged(path_);
    if (wasModified) emit modifiedChanged(false);
    emit changed();
}

bool DesignDocument::open(const QString& path, QString* error) {
    auto loaded = loadModel(path.toStdString());
    if (!loaded) {
        if (error) *error = QString::fromStdString(loaded.error().message);
        return false;
    }
    reset(std::move(loaded).value(), path);
    return true;
}

bool DesignDocument::saveAs(const QString& path, QString* error) {
    Status saved = saveModel(model_, path.toStdString());
    if (!saved.ok()) {
        if (error) *error = QString::fromStdString(saved.error().message);
        return false;
    }
    if (path_ != path) {
        path_ = path;
        emit filePathChanged(path_);
    }
    undo_->setClean();
    return true;
}

bool DesignDocument::apply(const QString& text, Result<Model> edited) {
    if (!edited) {
        emit editRefused(QString::fromStdString(edited.error().message));
        return false;
    }
    undo_->push(new ModelEditCommand(this, text, model_, std::move(edited).value()));
    return true;
}

void DesignDocument::setModelValue(const Model& model) {
    model_ = model;
    emit changed();
}

}  // namespace shardscape
