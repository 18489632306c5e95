"""The yardstick: a bare Streamlit page with one selectbox, one Plotly chart from a cached
DataFrame and one 200-row table; as an app (`streamlit run bench/bare_page.py`) it has two
such pages in st.navigation, so that a page switch can be timed beside the dashboard's."""

import pandas as pd
import plotly.express as px
import streamlit as st


@st.cache_data
def frame() -> pd.DataFrame:
    return pd.DataFrame({"主题": [f"主题{i}" for i in range(12)], "指标数": list(range(12))})


@st.cache_data
def table() -> pd.DataFrame:
    return pd.DataFrame(
        {"序号": range(200), "指标": [f"指标{i}" for i in range(200)], "数值": range(200)}
    )


def bare(title: str) -> None:
    st.title(title)
    choice = st.selectbox("选项", [f"选项{i}" for i in range(20)], key=f"{title}_choice")
    data = frame()
    st.plotly_chart(px.bar(data, x="主题", y="指标数", title=choice))
    st.dataframe(table())


def page_one() -> None:
    bare("基准一")


def page_two() -> None:
    bare("基准二")


st.navigation(
    [
        st.Page(page_one, title="基准一", url_path="one", default=True),
        st.Page(page_two, title="基准二", url_path="two"),
    ]  # fmt: skip
).run()
