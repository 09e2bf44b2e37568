// Body editor extension: a menu button that opens the image library and inserts the chosen
// image as <figure><img><figcaption>, with the alt text, caption and credit stored with the image.
// Loaded by django-prose-editor's "configurable" preset (see articles/editor.py).
import { crel, Extension } from "django-prose-editor/editor"

const SEARCH_DELAY_MS = 250

const captionOf = (image, labels) => {
  const credit = image.credit ? labels.credit.replace("{credit}", image.credit) : ""
  return [image.caption, credit].filter(Boolean).join(" ")
}

const insertFigure = (editor, image, labels) => {
  const content = [
    {
      type: "image",
      attrs: {
        src: image.src,
        alt: image.alt,
        width: image.width,
        height: image.height,
        file: String(image.id),
      },
    },
  ]
  const caption = captionOf(image, labels)
  if (caption) content.push({ type: "caption", content: [{ type: "text", text: caption }] })
  editor.chain().focus().insertContent({ type: "figure", content }).run()
}

const resultButton = (image, labels, onPick) => {
  const button = crel("button", { type: "button", className: "prose-image-picker__result" }, [
    // The alt text is written next to the thumbnail, so the thumbnail itself stays silent.
    crel("img", { src: image.thumbnail, alt: "", loading: "lazy" }),
    crel("span", { className: "prose-image-picker__alt", textContent: image.alt }),
    crel("small", { textContent: captionOf(image, labels) }),
  ])
  button.addEventListener("click", () => onPick(image))
  return crel("li", {}, [button])
}

const openPicker = (editor, { pickerUrl, labels }) => {
  const search = crel("input", { type: "search", placeholder: labels.search })
  search.setAttribute("aria-label", labels.search)
  const status = crel("p", { className: "prose-image-picker__status", role: "status" })
  const results = crel("ul", { className: "prose-image-picker__results" })
  const close = crel("button", { type: "button", textContent: labels.close })
  const dialog = crel("dialog", { className: "prose-editor-dialog prose-image-picker" }, [
    crel("h3", { className: "prose-editor-dialog-title", textContent: labels.title }),
    search,
    status,
    results,
    crel("div", { className: "prose-image-picker__buttons" }, [close]),
  ])

  const pick = (image) => {
    dialog.close()
    insertFigure(editor, image, labels)
  }

  let latest = null
  const load = async () => {
    const url = `${pickerUrl}?${new URLSearchParams({ q: search.value.trim() })}`
    latest = url
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } })
      if (!response.ok) throw new Error(response.statusText)
      const { results: images } = await response.json()
      if (url !== latest) return // a later search already answered
      results.replaceChildren(...images.map((image) => resultButton(image, labels, pick)))
      status.textContent = images.length ? "" : labels.empty
    } catch {
      if (url === latest) status.textContent = labels.failed
    }
  }

  let timer = null
  search.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(load, SEARCH_DELAY_MS)
  })
  search.addEventListener("keydown", (event) => {
    // The dialog sits inside the admin's change form: Enter must search, not save the article.
    if (event.key === "Enter") {
      event.preventDefault()
      clearTimeout(timer)
      load()
    }
  })
  close.addEventListener("click", () => dialog.close())
  dialog.addEventListener("close", () => dialog.remove())

  editor.view.dom.parentElement.append(dialog)
  dialog.showModal()
  load()
}

export const LibraryImage = Extension.create({
  name: "libraryImage",

  addOptions() {
    return { pickerUrl: null, labels: {} }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "libraryImage",
      groups: "nodes",
      button: buttons.material("photo_library", this.options.labels.open),
      command: (editor) => openPicker(editor, this.options),
    })
  },
})
