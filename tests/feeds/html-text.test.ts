import { describe, expect, it } from 'vitest'
import { htmlToLine, htmlToParagraphs } from '../../src/feeds/html-text.js'

describe('htmlToParagraphs', () => {
  it('keeps the text, decodes entities and breaks at blocks, given a description with markup', () => {
    expect(htmlToParagraphs('<p>أسعار <b>النفط</b> &amp; الذهب&nbsp;ترتفع</p><div>فقرة&#32;ثانية<br>وسطر</div>'))
      .toEqual(['أسعار النفط & الذهب ترتفع', 'فقرة ثانية', 'وسطر'])
  })

  it('drops scripts, styles and event handlers without running them, given hostile markup', () => {
    const text = htmlToParagraphs('<p>نص</p><script>alert("x")</script><style>p{color:red}</style><img src=x onerror="alert(1)"><iframe src="https://evil.example"></iframe><noscript>فعّل جافاسكربت</noscript>').join('\n')
    expect(text).toBe('نص')
  })

  it('reads what a browser would show, given unclosed tags, comments and stray brackets', () => {
    expect(htmlToParagraphs('<p>أول <i>سطر<!-- تعليق --> <p>ثانٍ 3 < 5 و 7 > 2')).toEqual(['أول سطر', 'ثانٍ 3 < 5 و 7 > 2'])
  })

  it('returns the text as it is, given plain text without markup', () => {
    expect(htmlToParagraphs('سطر أول\n\n  سطر   ثانٍ ')).toEqual(['سطر أول', 'سطر ثانٍ'])
  })

  it('breaks at every tag as the parser would, given bare <p> paragraphs with empty, unclosed and stray ones', () => {
    expect(htmlToParagraphs('مقدمة<p>أول  سطر</p>\n<p></p><p>ثانٍ 7 > 2<p>ثالث</p></p>')).toEqual(['مقدمة', 'أول سطر', 'ثانٍ 7 > 2', 'ثالث'])
    expect(htmlToParagraphs('<p>أ &lt; ب</p><p>ج</p>')).toEqual(['أ < ب', 'ج'])
  })

  it('returns nothing, given only markup', () => {
    expect(htmlToParagraphs('<p> </p><img src="a.jpg">')).toEqual([])
  })
})

describe('htmlToLine', () => {
  it('joins the text into one line, given a title with entities and tags', () => {
    expect(htmlToLine('عنوان &quot;مقتبس&quot; <b>مهم</b>')).toBe('عنوان "مقتبس" مهم')
  })
})
